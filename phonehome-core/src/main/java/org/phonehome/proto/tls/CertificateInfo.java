package org.phonehome.proto.tls;

import java.time.Instant;
import java.util.List;

/**
 * What we read from one X.509 certificate of a TLS 1.2 (or older) Certificate message.
 *
 * @param subjectCn the subject's first common name; null when it has none
 * @param sanDns    subjectAltName dNSName entries in order; empty when none
 * @param issuerCn  the issuer's first common name; null when it has none
 * @param notBefore start of validity
 * @param notAfter  end of validity
 */
public record CertificateInfo(String subjectCn, List<String> sanDns, String issuerCn, Instant notBefore,
                              Instant notAfter) {

    public CertificateInfo {
        sanDns = List.copyOf(sanDns);
    }
}
