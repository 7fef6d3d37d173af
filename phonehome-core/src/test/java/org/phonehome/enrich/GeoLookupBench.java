package org.phonehome.enrich;

import java.util.SplittableRandom;
import org.phonehome.net.IpAddress;

/**
 * Measures lookup cost, by hand (not a unit test: timings on a shared machine are no pass/fail criterion).
 *
 * <pre>mvn -q -pl phonehome-core test-compile
 * java -cp "phonehome-core/target/classes:phonehome-core/target/test-classes:$(cat cp.txt)" \
 *     org.phonehome.enrich.GeoLookupBench</pre>
 *
 * <p>(cp.txt from {@code mvn -q -pl phonehome-core dependency:build-classpath -Dmdep.outputFile=cp.txt}.) Prints
 * the load time and ns per lookup for: random public IPv4 and IPv6 addresses without the cache (every lookup
 * walks the mmdb tree and the ASN table), the same through the cache, and a phone-like working set of 2,000
 * addresses through the cache.
 */
public final class GeoLookupBench {

    private static final int N = 1_000_000;

    private static final String[] HOSTS = {"api.account.xiaomi.com", "tracking.intl.miui.com",
        "firebaselogging-pa.googleapis.com", "e1234.a.akamaiedge.net", "www.example.org", "mtalk4.google.com",
        "abc.def.ghi.cdn.example.net", "graph.facebook.com"};

    private GeoLookupBench() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        OfflineGeoDatabase db = OfflineGeoDatabase.bundled();
        System.out.printf("load bundled data: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        SplittableRandom r = new SplittableRandom(42);
        IpAddress[] v4 = new IpAddress[N];
        IpAddress[] v6 = new IpAddress[N];
        for (int i = 0; i < N; i++) {
            v4[i] = IpAddress.ipv4(r.nextInt());
            // global unicast 2000::/3, mostly within allocated /12s so the tree walk is deep
            long high = (0x2000L + r.nextInt(0x1000)) << 48 | (r.nextLong() >>> 16);
            v6[i] = new IpAddress(high, r.nextLong(), 6);
        }
        IpAddress[] phone = new IpAddress[N];
        for (int i = 0; i < N; i++) {
            phone[i] = v4[r.nextInt(2000)];
        }
        HostCatalog catalog = HostCatalog.bundled();
        for (int round = 0; round < 3; round++) {
            System.out.printf("round %d%n", round + 1);
            run("IPv4 random, uncached", () -> sum(v4, db, false));
            run("IPv6 random, uncached", () -> sum(v6, db, false));
            OfflineGeoDatabase.Bundled b = OfflineGeoDatabase.Bundled.get();
            run("IPv4 random, country mmdb only", () -> {
                long s = 0;
                for (IpAddress ip : v4) {
                    String c = b.country.country(ip);
                    s += c == null ? 0 : c.charAt(0);
                }
                return s;
            });
            run("IPv4 random, ASN table only", () -> {
                long s = 0;
                for (IpAddress ip : v4) {
                    AsnTable.Entry e = b.asn.lookup(ip);
                    s += e == null ? 0 : e.asn();
                }
                return s;
            });
            run("IPv4 random, cached (mostly misses)", () -> sum(v4, db, true));
            run("phone working set of 2000, cached", () -> sum(phone, db, true));
            run("host catalog match (mixed names)", () -> {
                long s = 0;
                for (int i = 0; i < N; i++) {
                    HostCatalog.Entry e = catalog.match(HOSTS[i % HOSTS.length]);
                    s += e == null ? 0 : e.purpose().length();
                }
                return s;
            });
        }
    }

    private static long sum(IpAddress[] ips, OfflineGeoDatabase db, boolean cached) {
        long s = 0;
        for (IpAddress ip : ips) {
            GeoDatabase.Lookup l = cached ? db.lookup(ip) : db.resolve(ip);
            s += l.country() == null ? 0 : l.country().charAt(0);
            s += l.asn() == null ? 0 : l.asn();
        }
        return s;
    }

    private static void run(String name, java.util.function.LongSupplier work) {
        long t = System.nanoTime();
        long s = work.getAsLong();
        long ns = System.nanoTime() - t;
        System.out.printf("  %-38s %7.1f ms per million, %6.0f ns each (checksum %d)%n", name, ns / 1e6 * 1_000_000 / N,
                (double) ns / N, s);
    }
}
