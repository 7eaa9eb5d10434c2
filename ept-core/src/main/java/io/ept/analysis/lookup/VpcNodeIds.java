package io.ept.analysis.lookup;

/**
 * vPC pseudo node ids: a vPC pair is represented by {@code (lower node id << 16) + higher node id}, e.g.
 * 101/102 gives 0x00650066 = 6619238, rendered "(101,102)". Physical node ids fit in 16 bits.
 */
public final class VpcNodeIds {
    private VpcNodeIds() {
    }

    public static int pseudoNodeId(int nodeA, int nodeB) {
        int low = Math.min(nodeA, nodeB);
        int high = Math.max(nodeA, nodeB);
        return (low << 16) + high;
    }

    public static boolean isPseudoNode(int node) {
        return node > 0xffff;
    }

    /** The two members of a pseudo node, or just {@code node} for a physical node. */
    public static int[] members(int node) {
        if (!isPseudoNode(node)) {
            return new int[] {node};
        }
        return new int[] {(node >>> 16) & 0xffff, node & 0xffff};
    }

    /** True if {@code node} is {@code target} or one of its vPC members. */
    public static boolean isMemberOrSelf(int node, int target) {
        for (int m : members(target)) {
            if (m == node) {
                return true;
            }
        }
        return node == target;
    }

    /** "(101,102)" for a pseudo node, the plain id otherwise. */
    public static String render(int node) {
        if (!isPseudoNode(node)) {
            return Integer.toString(node);
        }
        int[] m = members(node);
        return "(" + m[0] + "," + m[1] + ")";
    }
}
