package dev.eksaccess.bench;

/** The floor a cold process is compared with: a bare JVM that prints one line. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
