package org.phonehome.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.phonehome.AuditRequest;
import org.phonehome.Auditor;
import org.phonehome.CaptureInput;
import org.phonehome.Limits;
import org.phonehome.flow.FlowBudget;
import org.phonehome.SettableLimit;
import org.phonehome.detect.DetectionOptions;
import org.phonehome.detect.profile.DeviceProfile;
import org.phonehome.detect.profile.DeviceProfileLoader;
import org.phonehome.detect.profile.ProfileException;
import org.phonehome.enrich.Enrichment;
import org.phonehome.enrich.GeoDataException;
import org.phonehome.enrich.GeoDatabase;
import org.phonehome.enrich.HostCatalog;
import org.phonehome.enrich.HostCatalogException;
import org.phonehome.net.IpAddress;
import org.phonehome.policy.Consent;
import org.phonehome.policy.Policy;
import org.phonehome.policy.PolicyEngine;
import org.phonehome.policy.PolicyException;
import org.phonehome.policy.PolicyLoader;
import org.phonehome.proto.tls.decrypt.KeyLog;
import org.phonehome.report.Audit;
import org.phonehome.report.EventLog;
import org.phonehome.report.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonehome audit}: reads captures and reports the device's destinations (and, later, its leaks). */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Reads one or more captures of a device's traffic and reports which of the device's identifiers",
            "(from --device) left it and in what encoding, and every destination it contacted: host, addresses,",
            "port, protocol, app, flows, bytes out and in, first and last seen, and how every packet was",
            "accounted for. Captures may be pcap or pcapng, gzip-compressed or not; '-' reads a capture",
            "streamed on standard input, e.g. 'tcpdump -i wlan0 -w - | phonehome audit -'.",
            ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  phonehome audit examples/redmi-note.pcap --device examples/device.yaml",
            "  phonehome audit phone.pcap --device device.yaml --policy policy.yaml --consent telemetry=off",
            "  phonehome audit day1.pcapng day2.pcap.gz --json report.json",
            "  phonehome audit phone.pcap --device-ip 192.168.31.100 --json - | jq .destinations",
            "  phonehome audit flood.pcap --limit flows=100000 --limit http-body-bytes=64M",
            "  phonehome audit --limit help"})
public final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    private PhonehomeCommand parent;

    @Spec
    private CommandSpec spec;

    /** What {@code --limit help} asks for instead of a setting. */
    static final String LIMIT_HELP = "help";

    @Parameters(paramLabel = "CAPTURE", arity = "0..*",
            description = "Capture files (pcap, pcapng, optionally .gz); '-' for standard input. At least one.")
    private List<String> captures = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the JSON report to FILE ('-' for standard output, which then carries "
                    + "only the JSON).")
    private String json;

    @Option(names = "--device-ip", paramLabel = "IP",
            description = "The device's address; otherwise the side that opens connections, or the private side, "
                    + "is taken as the device.")
    private String deviceIp;

    @Option(names = "--device", paramLabel = "FILE",
            description = "The device profile (device.yaml): its identifiers and canaries are searched for in "
                    + "everything the device sent, in every common encoding.")
    private Path deviceProfile;

    @Option(names = "--patterns", description = "With --device, also look for identifiers the profile does not "
            + "name (a Luhn-valid IMEI, an IMSI with a known MCC, e-mail addresses, phone numbers, ...); reported "
            + "with source 'pattern'. Without --device this is always on.")
    private boolean patterns;

    @Option(names = "--reveal", description = "Show identifiers in evidence as they are; by default they are "
            + "masked (8640****4566).")
    private boolean reveal;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The consent policy (policy.yaml): which service may send what where, the user's switches "
                    + "and when they changed; each finding gets a verdict (allowed, violation) and the rule.")
    private Path policyFile;

    @Option(names = "--consent", paramLabel = "SWITCH=on|off[@TIME]",
            description = "Set a policy switch, for the whole capture or from TIME on (ISO-8601), e.g. "
                    + "--consent mi_cloud=off or --consent mi_cloud=off@2014-08-10T09:30:00Z. Repeatable.")
    private List<String> consent = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "FILE",
            description = "A TLS key log (SSLKEYLOGFILE / NSS format, as curl, browsers, mitmproxy and PCAPdroid "
                    + "write it): matching TLS 1.2 and 1.3 sessions are decrypted and searched; HTTP/2 inside is "
                    + "read. Repeatable. Decryption Secrets Blocks in a pcapng are used without it.")
    private List<Path> keyFiles = new ArrayList<>();

    @Option(names = "--geo-country", paramLabel = "MMDB",
            description = "Your own MaxMind GeoLite2/GeoIP2 Country or City database, instead of the bundled one.")
    private Path geoCountry;

    @Option(names = "--geo-asn", paramLabel = "MMDB",
            description = "Your own MaxMind GeoLite2/GeoIP2 ASN database, instead of the bundled one.")
    private Path geoAsn;

    @Option(names = "--hosts", paramLabel = "FILE",
            description = "Your own host catalog (the format of the bundled hosts.tsv: pattern, organisation, "
                    + "service, purpose, source); its entries win over the bundled ones.")
    private Path hostsFile;

    @Option(names = "--flows", description = "List every flow (conversation) in the JSON report.")
    private boolean flows;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Also write protocol logs, one JSON object per line, to DIR: dns.jsonl, http.jsonl, "
                    + "tls.jsonl (TLS and QUIC handshakes).")
    private Path logDir;

    @Option(names = "--limit", paramLabel = "NAME=VALUE",
            description = "Set one of the bounds that keep a hostile or huge capture in fixed memory; sizes take k, "
                    + "M or G (binary: 64k = 65536 bytes). Repeatable. Names: " + LIMIT_NAMES + ". "
                    + "'--limit help' lists each with its default, what it bounds and the anomaly that counts what "
                    + "it cut.")
    private List<String> limitSettings = new ArrayList<>();

    /** The names of {@link SettableLimit}, for the option's description (a test keeps the two the same). */
    static final String LIMIT_NAMES = "flows, tcp-buffered-bytes, tcp-buffered-segments, tcp-buffered-total, "
            + "ip-fragment-bytes, parser-held-total, "
            + "http-head-bytes, http-body-bytes, http-decoded-bytes, http-decompression-ratio, hpack-table-bytes, "
            + "scan-depth, scan-decoded-bytes, scan-inflate-bytes, scan-inflate-ratio";

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads (default: the number of processors, at most ${DEFAULT-VALUE}). The reading "
                    + "thread decodes each frame once; each thread, the reading one too, follows a share of the "
                    + "flows. The report is the same with any number. --log-dir uses one.")
    private Integer threads;

    @Option(names = "--no-progress", description = "Do not show a progress bar (it is shown only on a terminal).")
    private boolean noProgress;

    /** Most threads used by default: past this, reading the capture once per worker costs more than it saves. */
    static final int MAX_DEFAULT_THREADS = 4;

    private int threads() {
        if (threads == null) {
            return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
        }
        if (threads < 1 || threads > 256) {
            throw new ExitException(ExitCode.USAGE, "--threads must be between 1 and 256, not " + threads);
        }
        return threads;
    }

    @Override
    public Integer call() throws IOException {
        Main.Io io = parent.io();
        if (limitSettings.contains(LIMIT_HELP)) {
            printLimits(io);
            return ExitCode.OK.code();
        }
        if (captures.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'CAPTURE'");
        }
        Limits limits = parseLimits();
        IpAddress device = parseDeviceIp();
        DeviceProfile profile = loadProfile(io);
        PolicyEngine policy = loadPolicy(io);
        List<CaptureInput> inputs = inputs(io);
        boolean jsonToStdout = "-".equals(json);
        ProgressBar bar = new ProgressBar(io.err(), io.terminal() && !noProgress);
        Audit audit;
        EventLog log = openLog();
        try {
            audit = new Auditor().audit(new AuditRequest(inputs, device, flows, bar, log, profile,
                    new DetectionOptions(reveal, DetectionOptions.DEFAULT_MAX_FINDINGS, patterns), enrichment(), policy,
                    keys(), limits, threads()));
        } finally {
            bar.done();
            if (log != null) {
                log.close();
            }
        }
        if (json != null) {
            JsonReport report = new JsonReport();
            if (jsonToStdout) {
                report.write(audit, io.stdout());
            } else {
                Path target = Path.of(json);
                Path dir = target.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new ExitException(ExitCode.IO_ERROR,
                            "cannot write the JSON report to " + json + ": folder " + dir + " does not exist");
                }
                report.write(audit, target);
            }
        }
        if (!jsonToStdout) {
            new ConsoleReport(io.out()).print(audit);
        }
        if (audit.capture().incomplete() != null) {
            var inc = audit.capture().incomplete();
            io.err().println("phonehome: error: capture " + inc.file() + " is damaged at byte offset " + inc.offset()
                    + " (" + inc.reason() + "); the report covers the packets before it");
            io.err().flush();
            return ExitCode.INCOMPLETE_CAPTURE.code();
        }
        return ExitCode.OK.code();
    }

    private Limits parseLimits() {
        try {
            return Limits.parse(limitSettings);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage());
        }
    }

    /** {@code --limit help}: every settable limit with its default, meaning and anomaly. */
    private static void printLimits(Main.Io io) {
        io.out().println("Limits settable with --limit NAME=VALUE (sizes take k, M or G: 64k = 65536 bytes).");
        io.out().println("Hitting one is counted in the report's capture.anomalies under the name shown.");
        for (SettableLimit l : SettableLimit.values()) {
            String value = l.format(l.defaultValue());
            if (l == SettableLimit.FLOWS) {
                value = l.format(Limits.DEFAULTS.flowConfig(null).maxFlows()) + " (follows the heap)";
            } else if (l == SettableLimit.TCP_BUFFERED_TOTAL) {
                value = l.format(FlowBudget.bufferedBytesFor(Runtime.getRuntime().maxMemory())) + " (follows the heap)";
            } else if (l == SettableLimit.PARSER_HELD_TOTAL) {
                value = l.format(Limits.DEFAULTS.parserMemory().left()) + " (follows the heap)";
            }
            io.out().println();
            io.out().println("  " + l.limitName() + "=" + value);
            String meaning = Character.toUpperCase(l.meaning().charAt(0)) + l.meaning().substring(1) + ". From "
                    + l.format(l.min()) + " to " + l.format(l.max()) + "; counted as " + l.anomalies() + ".";
            StringBuilder line = new StringBuilder("     ");
            for (String word : meaning.split(" ")) {
                if (line.length() + 1 + word.length() > HELP_WIDTH) {
                    io.out().println(line);
                    line = new StringBuilder("     ");
                }
                line.append(' ').append(word);
            }
            io.out().println(line);
        }
        io.out().flush();
    }

    /** Columns of the {@code --limit help} text. */
    private static final int HELP_WIDTH = 100;

    private DeviceProfile loadProfile(Main.Io io) {
        if (deviceProfile == null) {
            return null;
        }
        try {
            DeviceProfile p = DeviceProfileLoader.load(deviceProfile);
            for (String w : p.warnings()) {
                io.err().println("phonehome: warning: " + w);
            }
            io.err().flush();
            return p;
        } catch (ProfileException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage());
        }
    }

    /** The user's geography and host catalog, or null for the bundled data. */
    private Enrichment enrichment() {
        if (geoCountry == null && geoAsn == null && hostsFile == null) {
            return null;
        }
        try {
            GeoDatabase geo = geoCountry == null && geoAsn == null ? GeoDatabase.bundled()
                    : GeoDatabase.open(geoCountry, geoAsn);
            HostCatalog hosts = hostsFile == null ? HostCatalog.bundled() : HostCatalog.bundledWith(hostsFile);
            return new Enrichment(geo, hosts);
        } catch (GeoDataException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage());
        } catch (HostCatalogException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage());
        }
    }

    private KeyLog keys() {
        KeyLog all = KeyLog.empty();
        for (Path f : keyFiles) {
            byte[] text;
            try {
                text = Files.readAllBytes(f);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ExitException(ExitCode.NO_INPUT, "cannot read the key log " + f + ": no such file");
            } catch (IOException e) {
                throw new ExitException(ExitCode.NO_INPUT, "cannot read the key log " + f + ": " + e.getMessage());
            }
            KeyLog log = KeyLog.parse(text, f.toString());
            for (String w : log.warnings()) {
                parent.io().err().println("phonehome: warning: " + w);
            }
            if (log.warningCount() > log.warnings().size()) {
                parent.io().err().println("phonehome: warning: " + f + ": " + (log.warningCount() - log.warnings().size())
                        + " more malformed lines");
            }
            all = all.merge(log);
        }
        parent.io().err().flush();
        return all;
    }

    private PolicyEngine loadPolicy(Main.Io io) {
        if (policyFile == null) {
            if (!consent.isEmpty()) {
                throw new ExitException(ExitCode.USAGE, "--consent needs --policy: the switches belong to its services");
            }
            return PolicyEngine.none();
        }
        try {
            Policy p = PolicyLoader.load(policyFile);
            List<Consent> overrides = new ArrayList<>();
            for (String c : consent) {
                try {
                    overrides.add(Consent.parse(c));
                } catch (IllegalArgumentException e) {
                    throw new ExitException(ExitCode.BAD_INPUT, "--consent " + c + ": " + e.getMessage());
                }
            }
            if (!overrides.isEmpty()) {
                p = p.withOverrides(overrides);
            }
            for (String w : p.warnings()) {
                io.err().println("phonehome: warning: " + w);
            }
            io.err().flush();
            return PolicyEngine.of(p);
        } catch (PolicyException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage());
        }
    }

    private EventLog openLog() throws IOException {
        if (logDir == null) {
            return null;
        }
        if (!Files.isDirectory(logDir)) {
            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                throw new ExitException(ExitCode.IO_ERROR, "cannot create the log folder " + logDir + ": " + e.getMessage());
            }
        }
        return new EventLog(logDir);
    }

    private IpAddress parseDeviceIp() {
        if (deviceIp == null) {
            return null;
        }
        try {
            return IpAddress.parse(deviceIp);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.BAD_INPUT,
                    "--device-ip " + deviceIp + " is not an IPv4 or IPv6 address");
        }
    }

    private List<CaptureInput> inputs(Main.Io io) {
        List<CaptureInput> out = new ArrayList<>();
        long stdinCount = captures.stream().filter("-"::equals).count();
        if (stdinCount > 1) {
            throw new ExitException(ExitCode.USAGE, "standard input ('-') can be read only once");
        }
        for (String c : captures) {
            if ("-".equals(c)) {
                out.add(CaptureInput.stream("-", io.stdin()));
            } else {
                out.add(CaptureInput.file(Path.of(c)));
            }
        }
        return out;
    }
}
