package org.pkgforge.agent.task;

import java.util.Map;
import java.util.TreeMap;

/** Which bytes of a file have arrived, so a source is complete only when every byte was written. */
final class ByteRanges {
    /** start → end (exclusive); disjoint and not touching. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            ranges.remove(before.getKey());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(start);
        }
        ranges.put(start, end);
    }

    /** True if [0, size) has fully arrived. */
    boolean covers(long size) {
        if (size == 0) {
            return true;
        }
        Map.Entry<Long, Long> first = ranges.firstEntry();
        return first != null && first.getKey() == 0 && first.getValue() >= size;
    }
}
