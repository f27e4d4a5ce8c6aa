package org.dramatis.components.noc;

/** A router position in a 2D mesh: x grows to the east, y to the north. */
public record NocAddress(int x, int y) {
    @Override
    public String toString() {
        return "(" + x + "," + y + ")";
    }
}
