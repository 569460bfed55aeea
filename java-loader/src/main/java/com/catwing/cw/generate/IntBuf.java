package com.catwing.cw.generate;

import java.util.Arrays;

/** A growable int array (the daily event buffers: no boxing, reused from day to day). */
final class IntBuf {
    int[] a;
    int n;

    IntBuf(int capacity) {
        a = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[n++] = v;
    }

    int get(int i) {
        return a[i];
    }

    void set(int i, int v) {
        a[i] = v;
    }

    int size() {
        return n;
    }

    void clear() {
        n = 0;
    }

    void sort() {
        Arrays.sort(a, 0, n);
    }
}
