package org.phonehome.proto.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Parses a TLS 1.2 Certificate handshake message (RFC 5246 section 7.4.2) into {@link CertificateInfo}s. */
public final class CertificateParser {
    /** subjectAltName GeneralName tag of a dNSName (RFC 5280 section 4.2.1.6). */
    private static final int SAN_DNS_NAME = 2;

    private CertificateParser() {
    }

    /**
     * Parses the message body {@code data[offset, offset+length)}: a u24-length list of u24-length DER certificates.
     *
     * @param anomalies receives {@link TlsAnomalies#CERTIFICATE_MALFORMED} when the framing is broken (the
     *                  certificates before the break are still returned) and
     *                  {@link TlsAnomalies#CERTIFICATE_UNPARSABLE} once per certificate that is not X.509
     */
    public static List<CertificateInfo> parse(byte[] data, int offset, int length, Consumer<String> anomalies) {
        ByteReader r = new ByteReader(data, offset, length);
        ByteReader list = r.sub(r.u24());
        List<CertificateInfo> chain = new ArrayList<>();
        int seen = 0;
        while (list.ok() && list.remaining() > 0 && seen < TlsLimits.MAX_CERTIFICATES) {
            byte[] der = list.bytes(list.u24());
            if (!list.ok()) {
                break;
            }
            seen++;
            CertificateInfo info = decode(der);
            if (info == null) {
                anomalies.accept(TlsAnomalies.CERTIFICATE_UNPARSABLE);
            } else {
                chain.add(info);
            }
        }
        if (!r.ok() || !list.ok()) {
            anomalies.accept(TlsAnomalies.CERTIFICATE_MALFORMED);
        }
        return chain;
    }

    /** One DER certificate, or null when it does not parse. */
    static CertificateInfo decode(byte[] der) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            // the JDK's DER decoder reports hostile input with checked and unchecked exceptions alike
            return null;
        }
        return new CertificateInfo(commonName(cert.getSubjectX500Principal()), dnsNames(cert),
                commonName(cert.getIssuerX500Principal()), cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant());
    }

    private static String commonName(X500Principal principal) {
        try {
            List<Rdn> rdns = new LdapName(principal.getName(X500Principal.RFC2253)).getRdns();
            // LdapName lists RDNs from the least specific; the CN that RFC 2253 prints first is the last here
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
        } catch (InvalidNameException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static List<String> dnsNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(SAN_DNS_NAME).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException | RuntimeException e) {
            return names;
        }
        return names;
    }
}
