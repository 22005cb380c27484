package dev.eksaccess.handler;

import java.util.function.Supplier;

/**
 * A core service built on first use and then kept for the life of the container (clients, caches).
 * Not built in the constructor: SnapStart snapshots after init, and credentials, clients and tokens
 * must belong to the restored container, not to the snapshot.
 */
final class PerContainer<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile T value;

    PerContainer(Supplier<T> factory) {
        this.factory = factory;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                if (value == null) {
                    value = factory.get();
                }
                v = value;
            }
        }
        return v;
    }
}
