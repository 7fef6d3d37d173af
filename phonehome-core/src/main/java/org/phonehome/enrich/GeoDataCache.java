package org.phonehome.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Decompressed copies of the bundled geography files in a folder (the launcher's: next to the jar), so that a start
 * maps them instead of inflating 18 MB and copying them into the heap (0.19 s of CPU at every start, on the cores
 * the audit needs). A copy is named after the compressed file's CRC-32 and size, so that a jar with other data
 * makes copies of its own, and after its own CRC-32, which is checked before it is used (a damaged copy is made
 * again); it is written under a name of its own and renamed into place, so that a process never reads half a file,
 * whatever other processes do meanwhile.
 */
final class GeoDataCache {

    private final Path dir;

    /** A cache in {@code dir}, which must exist; nothing is written until a file is asked for. */
    GeoDataCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The file holding the bundled gzip resource {@code resource} in the form {@code form} makes of its
     * decompressed bytes, written first when it is not there yet, and its bytes checked against the checksum its
     * name gives; null when the resource is missing or the folder cannot hold the file (the caller then reads the
     * resource itself, and any error in it is reported from there).
     *
     * @param kept the name of the kept form ({@code stem.extension}); the file is
     *             {@code stem-CRC-SIZE-CRC.extension}: the bundled file's CRC-32 and size, then the kept bytes' CRC-32
     */
    Path file(String resource, String kept, UnaryOperator<byte[]> form) {
        URL url = OfflineGeoDatabase.class.getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            int dot = kept.lastIndexOf('.');
            String stem = dot < 0 ? kept : kept.substring(0, dot);
            String extension = dot < 0 ? "" : kept.substring(dot);
            String prefix = new StringBuilder(stem).append('-').append(key(url)).append('-').toString();
            Path found = find(prefix, extension);
            if (found != null) {
                return found;
            }
            byte[] bytes;
            try (InputStream in = url.openStream()) {
                bytes = form.apply(GzipResource.gunzip(in));
            }
            Path target = dir.resolve(new StringBuilder(prefix).append(hex(crc(ByteBuffer.wrap(bytes))))
                    .append(extension).toString());
            org.phonehome.ReplacedFile.write(target, bytes);
            removeOthers(stem, extension, target);
            return target;
        } catch (IOException | RuntimeException e) {
            // a folder we may not write, a full disk: the resource is read as without a cache
            return null;
        }
    }

    /** A kept file named {@code prefix + CRC + extension} whose bytes have that CRC-32, or null. */
    private Path find(String prefix, String extension) throws IOException {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, prefix + "*" + extension)) {
            for (Path p : all) {
                String n = p.getFileName().toString();
                String crc = n.substring(prefix.length(), n.length() - extension.length());
                if (crc.length() == 8 && crc.equals(hex(crc(p)))) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * Read, not mapped: a mapping of the whole file would stay in the process's resident memory until the collector
     * dropped it (26 MB more peak RSS), where the files' own mappings bring in only the pages looked up. Into a
     * direct buffer, which the kernel fills itself: a heap buffer is filled through a temporary direct one and a
     * second copy.
     */
    private static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 16);
        try (FileChannel c = FileChannel.open(file)) {
            while (c.read(chunk.clear()) >= 0) {
                crc.update(chunk.flip());
            }
        }
        return crc.getValue();
    }

    private static long crc(ByteBuffer bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static String hex(long crc32) {
        String h = Long.toHexString(crc32);
        return "00000000".substring(h.length()) + h;
    }

    /**
     * The compressed file's CRC-32 and size: from the jar's directory when the resource is in a jar (no byte of it
     * read), else computed.
     */
    private static String key(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection j) {
            j.setUseCaches(true);
            JarEntry e = j.getJarEntry();
            if (e.getCrc() >= 0 && e.getSize() >= 0) {
                return hex(e.getCrc()) + "-" + e.getSize();
            }
        }
        try (InputStream in = c.getInputStream()) {
            byte[] all = in.readAllBytes();
            return hex(crc(ByteBuffer.wrap(all))) + "-" + all.length;
        }
    }

    /**
     * Kept files of the same name from other data (an older jar's) or damaged are removed, so that the folder holds
     * one of each.
     */
    private void removeOthers(String stem, String extension, Path keep) throws IOException {
        java.util.regex.Pattern ours = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(stem)
                + "-[0-9a-f]{8}-[0-9]+-[0-9a-f]{8}" + java.util.regex.Pattern.quote(extension));
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, stem + "-*" + extension)) {
            for (Path p : all) {
                if (!p.equals(keep) && ours.matcher(p.getFileName().toString()).matches()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
