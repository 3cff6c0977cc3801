package org.pkgforge.protocol.job;

import java.util.Collection;
import java.util.Locale;

/** The "did you mean" hint for a misspelt key: the closest known one, if it is close enough. */
public final class Suggestions {
    /** Farther than this and a suggestion is more confusing than none. */
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    /** {@code ", did you mean 'bucket'?"}, or "" when nothing known is close to {@code key}. */
    public static String didYouMean(String key, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        String lower = key.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(lower, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : ", did you mean '" + best + "'?";
    }

    /** Levenshtein distance; keys are short. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
