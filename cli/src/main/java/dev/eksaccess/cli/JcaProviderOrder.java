package dev.eksaccess.cli;

import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves SunJCE to the front of this process's JCA provider list (the security.provider.N properties), for
 * {@code eks-access token}. The SDK signer's {@code Mac.getInstance("HmacSHA256")} tries the providers in
 * order, and in the JDK's order it first instantiates SunRsaSign, SunEC (found by a ServiceLoader scan that
 * also instantiates every provider module on the way) and SunJSSE: ~7 ms of a ~110 ms run. Only the order
 * changes: HmacSHA256 comes from SunJCE either way, and SunJCE shares no other algorithm with those
 * providers. It must run before the first JCA lookup builds the list; after that it changes nothing.
 */
final class JcaProviderOrder {
    private static final String KEY = "security.provider.";
    private static boolean done;

    private JcaProviderOrder() {
    }

    /** Idempotent; synchronized, because the token warm-up and the command itself both call it. */
    static synchronized void preferSunJce() {
        if (done) {
            return;
        }
        done = true;
        List<String> providers = new ArrayList<>();
        for (int i = 1; ; i++) {
            String provider = Security.getProperty(KEY.concat(Integer.toString(i)));
            if (provider == null) {
                break;
            }
            providers.add(provider);
        }
        int sunJce = -1;
        for (int i = 0; i < providers.size(); i++) {
            String name = providers.get(i).strip();
            if (name.equals("SunJCE") || name.equals("com.sun.crypto.provider.SunJCE")) {
                sunJce = i;
                break;
            }
        }
        if (sunJce <= 0) {
            return; // already first, or not configured: leave the list as the JDK has it
        }
        providers.add(0, providers.remove(sunJce));
        for (int i = 0; i < providers.size(); i++) {
            Security.setProperty(KEY.concat(Integer.toString(i + 1)), providers.get(i));
        }
    }
}
