package io.kubesphere.mcp.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/** A small LRU map: memory stays bounded however many sessions or tokens callers bring. */
final class BoundedMap<K, V> {

    private final Map<K, V> map;

    BoundedMap(int max) {
        this.map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    synchronized V get(K key) {
        return map.get(key);
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized void remove(K key) {
        map.remove(key);
    }

    synchronized int size() {
        return map.size();
    }
}
