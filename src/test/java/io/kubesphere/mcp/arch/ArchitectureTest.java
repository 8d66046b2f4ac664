package io.kubesphere.mcp.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package graph: mcp → tools (tenant, devops, guide) → catalog/policy → kubesphere → config, with auth and
 * health beside mcp and the sandbox to the side, used by no one. No package cycles.
 */
class ArchitectureTest {

    private static final String ROOT = "io.kubesphere.mcp";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void layersOnlyDependDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy(ROOT)
                .layer("Mcp").definedBy(ROOT + ".mcp..")
                .layer("Auth").definedBy(ROOT + ".auth..")
                .layer("Health").definedBy(ROOT + ".health..")
                .layer("Tools").definedBy(ROOT + ".tenant..", ROOT + ".devops..", ROOT + ".guide..")
                .layer("Catalog").definedBy(ROOT + ".catalog..")
                .layer("Policy").definedBy(ROOT + ".policy..")
                .layer("KubeSphere").definedBy(ROOT + ".kubesphere..")
                .layer("Config").definedBy(ROOT + ".config..")
                .layer("Sandbox").definedBy(ROOT + ".sandbox..")
                .whereLayer("Mcp").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("Auth").mayOnlyAccessLayers("Health", "KubeSphere", "Config")
                .whereLayer("Health").mayOnlyAccessLayers("KubeSphere", "Config")
                .whereLayer("Tools").mayOnlyAccessLayers("Auth", "Catalog", "Policy", "KubeSphere", "Config")
                .whereLayer("Catalog").mayOnlyAccessLayers("KubeSphere", "Config")
                .whereLayer("Policy").mayOnlyAccessLayers("Catalog", "KubeSphere", "Config")
                .whereLayer("KubeSphere").mayOnlyAccessLayers("Config")
                .whereLayer("Config").mayNotAccessAnyLayer()
                // The sandbox implements the kubesphere seam (KubeSphereTarget); nothing reaches into it.
                .whereLayer("Sandbox").mayOnlyAccessLayers("KubeSphere", "Config")
                .whereLayer("Sandbox").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The rules of the issue spelt out, so that a failure names the exact edge. */
    @Test
    void namedEdgesStayRemoved() {
        noClasses().that().resideInAPackage(ROOT + ".catalog..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".policy..").check(MAIN);
        noClasses().that().resideInAnyPackage(ROOT + ".auth..", ROOT + ".health..", ROOT + ".tenant..",
                        ROOT + ".devops..", ROOT + ".guide..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".mcp..").check(MAIN);
    }
}
