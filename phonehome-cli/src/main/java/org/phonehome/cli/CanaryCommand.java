package org.phonehome.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phonehome.detect.canary.CanaryFactory;
import org.phonehome.detect.canary.DeviceYamlSkeleton;
import org.phonehome.detect.profile.Canaries;
import org.phonehome.detect.profile.Contact;
import org.phonehome.detect.profile.Location;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code phonehome canary}: fresh canaries to plant on the phone, and a device.yaml that names them. */
@Command(name = "canary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Makes a fresh, unique set of canaries to plant on the phone before a test: a contact (name and",
            "number), a text message, a URL to visit, a location and a token. If any of them shows up in the",
            "phone's traffic, the phone sent it. Prints them and writes a device.yaml with them, ready for",
            "'phonehome audit CAPTURE --device device.yaml' once you add the phone's identifiers.",
            ""},
        footerHeading = "%nExample:%n",
        footer = {"  phonehome canary --region CN --near 22.543,114.057 --out redmi.yaml"})
public final class CanaryCommand implements Callable<Integer> {

    @ParentCommand
    private PhonehomeCommand parent;

    @Option(names = "--region", paramLabel = "CC", defaultValue = "CN",
            description = "Country of the phone's SIM, for the contact's number (ISO 3166 code, default ${DEFAULT-VALUE}).")
    private String region;

    @Option(names = "--near", paramLabel = "LAT,LON",
            description = "Put the canary location within about 5 km of this place.")
    private String near;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "test phone",
            description = "The device's name in the profile (default '${DEFAULT-VALUE}').")
    private String name;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "device.yaml",
            description = "Where to write the profile (default ${DEFAULT-VALUE}; '-' for standard output).")
    private String out;

    @Option(names = "--force", description = "Replace the profile file if it exists.")
    private boolean force;

    @Override
    public Integer call() throws IOException {
        Main.Io io = parent.io();
        String cc = region.toUpperCase(Locale.ROOT);
        if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(cc)) {
            throw new ExitException(ExitCode.BAD_INPUT, "--region " + region + " is not a country code phonehome "
                    + "knows numbers for (use ISO 3166 codes such as CN, DE, US)");
        }
        Canaries c = new CanaryFactory(new SecureRandom()).create(cc, parseNear());
        String yaml = DeviceYamlSkeleton.of(name, c);
        if ("-".equals(out)) {
            io.out().print(yaml);
            io.out().flush();
            return ExitCode.OK.code();
        }
        Path file = Path.of(out);
        if (Files.exists(file) && !force) {
            throw new ExitException(ExitCode.BAD_INPUT, out + " exists; use --force to replace it or --out to write "
                    + "elsewhere");
        }
        Files.writeString(file, yaml);
        Contact contact = c.contacts().get(0);
        Location l = c.locations().get(0);
        io.out().println("Plant these on the phone before you capture:");
        io.out().println("  contact:  " + contact.name() + ", " + contact.phone());
        io.out().println("  message:  " + c.messages().get(0) + "   (send it as an SMS, e.g. to yourself)");
        io.out().println("  url:      " + c.urls().get(0) + "   (open it in the phone's browser)");
        io.out().println("  location: " + l.lat().toPlainString() + "," + l.lon().toPlainString()
                + "   (e.g. as a mock location or a saved place)");
        io.out().println("  token:    " + c.strings().get(0) + "   (paste it in a note, a cloud-synced app, ...)");
        io.out().println("Wrote " + out + "; add the phone's identifiers (IMEI, IMSI, ...) to it.");
        io.out().flush();
        return ExitCode.OK.code();
    }

    private Location parseNear() {
        if (near == null) {
            return null;
        }
        String[] p = near.split(",");
        try {
            if (p.length == 2) {
                BigDecimal lat = new BigDecimal(p[0].trim());
                BigDecimal lon = new BigDecimal(p[1].trim());
                if (lat.abs().compareTo(BigDecimal.valueOf(90)) <= 0 && lon.abs().compareTo(BigDecimal.valueOf(180)) <= 0) {
                    return new Location(lat, lon);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new ExitException(ExitCode.BAD_INPUT, "--near " + near + " is not a position such as 22.543,114.057");
    }
}
