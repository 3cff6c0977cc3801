package org.pkgforge.protocol.job;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.packager.rpm.RpmBaseTag;
import org.eclipse.packager.rpm.RpmLead;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;

/**
 * Validates a source RPM and reads its metadata, treating the file strictly as data: headers are
 * decoded with packager-rpm, nothing runs {@code rpm} or evaluates a spec.
 *
 * <p>Checks, in order: the file is a regular file (not a symlink); magic, lead type and header
 * bounds ({@link RpmLayout}); the name ends in .src.rpm; the file size and the header and payload
 * digests match, which catches truncated and corrupt copies without decompressing the payload
 * (zstd payloads would need a native library); the header marks a source package (SOURCEPACKAGE
 * set, SOURCERPM absent, since binary RPMs built from sources name their SRPM); NAME, VERSION and
 * RELEASE are present and path-safe; the file list holds a .spec file (the header's list, which
 * the payload digest vouches for, rather than unpacking the payload).
 */
public final class SourceRpmReader {
    public static final String SUFFIX = ".src.rpm";

    // Tags that packager-rpm 0.21 has no constants for.
    static final int TAG_SOURCERPM = 1044;
    static final int TAG_EXCLUDEARCH = 1059;
    static final int TAG_EXCLUSIVEARCH = 1061;
    static final int TAG_BUILDARCHS = 1089;
    static final int TAG_SOURCEPACKAGE = 1106;
    static final int TAG_OLDFILENAMES = 1027;
    static final int TAG_PAYLOADDIGEST = 5092;
    static final int TAG_PAYLOADDIGESTALGO = 5093;
    static final int SIGTAG_MD5 = 1004;
    static final int TAG_PROVIDENAME = 1047;
    static final int TAG_PROVIDEFLAGS = 1112;
    static final int TAG_PROVIDEVERSION = 1113;

    private static final int RPMSENSE_LESS = 0x02;
    private static final int RPMSENSE_GREATER = 0x04;
    private static final int RPMSENSE_EQUAL = 0x08;
    private static final int RPMSENSE_RPMLIB = 1 << 24;

    // These end up in file and directory names on the controller, so a crafted header must not
    // be able to smuggle a path in.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]{0,199}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+~^]{1,100}");
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,10}");

    private SourceRpmReader() {}

    public static SourceRpmInfo read(Path srpm) throws JobFormatException {
        return read(srpm, Shown.plain(String.valueOf(srpm.getFileName()), 255));
    }

    /**
     * Reads {@code srpm} but names it {@code label} in checks and messages: the submit tool
     * resolves a user's symlink to its target and still reports the name the user gave.
     */
    static SourceRpmInfo read(Path srpm, String label) throws JobFormatException {
        if (Files.isSymbolicLink(srpm)) {
            throw new JobFormatException(label + ": a symbolic link, not a regular file");
        }
        try (FileChannel channel = FileChannel.open(srpm, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(srpm, LinkOption.NOFOLLOW_LINKS)) {
                throw new JobFormatException(label + ": not a regular file");
            }
            return read(channel, label);
        } catch (NoSuchFileException e) {
            throw new JobFormatException(label + ": no such file", e);
        } catch (FileSystemException e) {
            throw new JobFormatException(label + ": cannot be read (" + e.getReason() + ")", e);
        } catch (IOException e) {
            throw new JobFormatException(label + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static SourceRpmInfo read(FileChannel channel, String label) throws IOException, JobFormatException {
        Unverified srpm = start(channel, label);
        return srpm.verify(Checksums.digest(channel, srpm.ranges()).ranges());
    }

    /**
     * Checks everything that the lead and the headers alone tell (layout, source, name, sizes),
     * without reading the payload. What is left, comparing the digests rpm recorded, needs the
     * ranges {@link Unverified#ranges()} digested, which the caller does in its one pass over the
     * file (the job validator digests the whole file in the same read).
     */
    static Unverified start(FileChannel channel, String label) throws IOException, JobFormatException {
        RpmLayout layout = RpmLayout.scan(channel, label);
        if (!layout.source()) {
            throw binary(label);
        }
        // Checked after the content, so that "a binary RPM" wins over a complaint about the name.
        if (!label.endsWith(SUFFIX)) {
            throw new JobFormatException(label + ": a source RPM's file name must end in " + SUFFIX);
        }
        Headers headers = readHeaders(channel, label);
        return new Unverified(
                headers.main(), recordedDigests(layout, headers.signature(), headers.main(), label), label);
    }

    /** One digest rpm recorded: the range it covers, its value, and which part it vouches for. */
    private record Recorded(Checksums.Range range, String expected, String what) {}

    /** A source RPM whose headers are read and checked; its recorded digests are still to be compared. */
    static final class Unverified {
        private final InputHeader<RpmTag> header;
        private final List<Recorded> recorded;
        private final String label;

        private Unverified(InputHeader<RpmTag> header, List<Recorded> recorded, String label) {
            this.header = header;
            this.recorded = recorded;
            this.label = label;
        }

        /** The byte ranges whose digests {@link #verify} needs, in the order it expects them. */
        List<Checksums.Range> ranges() {
            return recorded.stream().map(Recorded::range).toList();
        }

        /** Compares the digests of {@link #ranges()} (null: the file ended first), then reads the metadata. */
        SourceRpmInfo verify(List<String> digests) throws JobFormatException {
            // First, so that a damaged file is called damaged rather than, say, lacking a spec.
            for (int i = 0; i < recorded.size(); i++) {
                Recorded r = recorded.get(i);
                String actual = digests.get(i);
                if (actual == null) {
                    throw RpmLayout.truncated(label, "the " + r.what());
                }
                if (!actual.equalsIgnoreCase(r.expected().strip())) {
                    throw RpmLayout.corrupt(
                            label,
                            r.what() + " " + r.range().algorithm() + " digest mismatch, expected "
                                    + Shown.digest(r.expected()) + ", got " + Shown.digest(actual));
                }
            }
            return info(header, label);
        }
    }

    private static SourceRpmInfo info(InputHeader<RpmTag> header, String label) throws JobFormatException {
        requireSource(header, label);
        Tags tags = new Tags(header, label);
        String name = tags.checked(RpmTag.NAME.getValue(), "NAME", NAME);
        String version = tags.checked(RpmTag.VERSION.getValue(), "VERSION", VERSION);
        String release = tags.checked(RpmTag.RELEASE.getValue(), "RELEASE", VERSION);
        Object epochValue = header.getTag(RpmTag.EPOCH);
        String epoch = epochValue == null ? null : tags.single(RpmTag.EPOCH.getValue(), "EPOCH");
        if (epoch != null && !EPOCH.matcher(epoch).matches()) {
            throw RpmLayout.corrupt(label, "invalid EPOCH " + Shown.quote(epoch));
        }
        requireSpec(tags);
        return new SourceRpmInfo(
                name,
                version,
                release,
                epoch,
                tags.strings(TAG_EXCLUSIVEARCH),
                tags.strings(TAG_EXCLUDEARCH),
                tags.strings(TAG_BUILDARCHS),
                dependencies(
                        tags,
                        RpmTag.REQUIRE_NAME.getValue(),
                        RpmTag.REQUIRE_FLAGS.getValue(),
                        RpmTag.REQUIRE_VERSION.getValue(),
                        "REQUIRE"),
                dependencies(tags, TAG_PROVIDENAME, TAG_PROVIDEFLAGS, TAG_PROVIDEVERSION, "PROVIDE"));
    }

    /** Binary RPMs name the SRPM they were built from; only source packages carry SOURCEPACKAGE. */
    private static void requireSource(InputHeader<RpmTag> header, String label) throws JobFormatException {
        if (header.getTag(TAG_SOURCERPM) != null) {
            throw binary(label);
        }
        if (header.getTag(TAG_SOURCEPACKAGE) == null) {
            throw new JobFormatException(label + ": not a source RPM (the header lacks the SOURCEPACKAGE tag)");
        }
    }

    private static void requireSpec(Tags tags) throws JobFormatException {
        List<String> files = new ArrayList<>(tags.strings(RpmTag.BASENAMES.getValue()));
        files.addAll(tags.strings(TAG_OLDFILENAMES));
        if (files.stream().noneMatch(f -> f.endsWith(".spec"))) {
            throw new JobFormatException(tags.label() + ": contains no .spec file");
        }
    }

    private record Headers(InputHeader<RpmSignatureTag> signature, InputHeader<RpmTag> main) {}

    private static Headers readHeaders(FileChannel channel, String label) throws IOException, JobFormatException {
        channel.position(0);
        // Not closed here: closing the stream would close the channel, still needed for digests.
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
        try {
            HeaderReader rpm = new HeaderReader(in);
            rpm.readLead();
            InputHeader<RpmSignatureTag> signature = rpm.readHeader(true);
            InputHeader<RpmTag> main = rpm.readHeader(false);
            return new Headers(signature, main);
        } catch (EOFException e) {
            throw RpmLayout.truncated(label, "the RPM header");
        } catch (IOException | RuntimeException e) {
            // packager-rpm signals malformed headers with assorted runtime exceptions too.
            throw new JobFormatException(
                    RpmLayout.corrupt(label, "unreadable header: " + Shown.plain(e.getMessage(), 120))
                            .reason(),
                    e);
        }
    }

    /**
     * A dependency list rendered like {@code rpm -qpR}. An SRPM's REQUIRENAME list is its
     * BuildRequires, plus rpmlib(...) features rpm adds, which are dropped; its PROVIDENAME list
     * is usually empty or just the source package itself (subpackages are not in an SRPM header).
     */
    private static List<String> dependencies(Tags tags, int nameTag, int flagTag, int versionTag, String what)
            throws JobFormatException {
        List<String> names = tags.strings(nameTag);
        List<Integer> flags = tags.ints(flagTag);
        List<String> versions = tags.strings(versionTag);
        if (flags.size() != names.size() || versions.size() != names.size()) {
            throw RpmLayout.corrupt(
                    tags.label(), what + "NAME, " + what + "FLAGS and " + what + "VERSION differ in length");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int flag = flags.get(i);
            if ((flag & RPMSENSE_RPMLIB) != 0 || names.get(i).startsWith("rpmlib(")) {
                continue;
            }
            String op = (flag & RPMSENSE_LESS) != 0 ? "<" : (flag & RPMSENSE_GREATER) != 0 ? ">" : "";
            if ((flag & RPMSENSE_EQUAL) != 0) {
                op += "=";
            }
            out.add(
                    op.isEmpty() || versions.get(i).isEmpty()
                            ? names.get(i)
                            : names.get(i) + " " + op + " " + versions.get(i));
        }
        return out;
    }

    /**
     * The digests rpm recorded, as {@code rpm -K} checks them: the main header's SHA-256 (or SHA-1)
     * from the signature header, and the compressed payload's digest (or, for packages older than
     * rpm 4.14, the header+payload MD5). The header+payload size is compared here, at once.
     */
    private static List<Recorded> recordedDigests(
            RpmLayout layout, InputHeader<RpmSignatureTag> signature, InputHeader<RpmTag> header, String label)
            throws JobFormatException {
        Tags sig = new Tags(signature, label);
        Object sizeValue = signature.getTag(RpmSignatureTag.LONGSIZE);
        if (sizeValue == null) {
            sizeValue = signature.getTag(RpmSignatureTag.SIZE);
        }
        long actual = layout.fileSize() - layout.mainHeaderStart();
        if (sizeValue instanceof Number expected && expected.longValue() != actual) {
            throw expected.longValue() > actual
                    ? new JobFormatException(label + ": truncated (header and payload are " + actual
                            + " bytes, the signature says " + expected + ")")
                    : RpmLayout.corrupt(label, "extra data after the payload");
        }
        List<Recorded> recorded = new ArrayList<>();
        long headerEnd = layout.mainHeaderStart() + layout.mainHeaderLength();
        if (signature.getTag(RpmSignatureTag.SHA256HEADER) != null) {
            recorded.add(new Recorded(
                    new Checksums.Range(layout.mainHeaderStart(), headerEnd, "SHA-256"),
                    sig.single(RpmSignatureTag.SHA256HEADER.getValue(), "SHA256HEADER"),
                    "header"));
        } else if (signature.getTag(RpmSignatureTag.SHA1HEADER) != null) {
            recorded.add(new Recorded(
                    new Checksums.Range(layout.mainHeaderStart(), headerEnd, "SHA-1"),
                    sig.single(RpmSignatureTag.SHA1HEADER.getValue(), "SHA1HEADER"),
                    "header"));
        }
        Tags tags = new Tags(header, label);
        List<String> payloadDigest = tags.strings(TAG_PAYLOADDIGEST);
        String algorithm = payloadDigestAlgorithm(tags.ints(TAG_PAYLOADDIGESTALGO));
        if (!payloadDigest.isEmpty() && algorithm != null) {
            recorded.add(new Recorded(
                    new Checksums.Range(layout.payloadStart(), layout.fileSize(), algorithm),
                    payloadDigest.get(0),
                    "payload"));
        } else if (signature.getTag(SIGTAG_MD5) instanceof byte[] md5) {
            recorded.add(new Recorded(
                    new Checksums.Range(layout.mainHeaderStart(), layout.fileSize(), "MD5"),
                    HexFormat.of().formatHex(md5),
                    "payload"));
        }
        return recorded;
    }

    /** rpm's PGPHASHALGO numbers; MD5 is rpm's default when the tag is absent. */
    private static String payloadDigestAlgorithm(List<Integer> algo) {
        int id = algo.isEmpty() ? 1 : algo.get(0);
        return switch (id) {
            case 1 -> "MD5";
            case 2 -> "SHA-1";
            case 8 -> "SHA-256";
            case 9 -> "SHA-384";
            case 10 -> "SHA-512";
            default -> null;
        };
    }

    /**
     * Reads only the lead and the two headers. RpmInputStream's public getters also open the
     * payload decompressor, which fails for zstd payloads (common in Fedora and EL SRPMs) unless
     * the native zstd-jni library is present; the headers are all this class needs.
     */
    private static final class HeaderReader extends RpmInputStream {
        HeaderReader(InputStream in) {
            super(in);
        }

        @Override
        protected RpmLead readLead() throws IOException {
            return super.readLead();
        }

        @Override
        protected <T extends RpmBaseTag> InputHeader<T> readHeader(boolean padded) throws IOException {
            return super.readHeader(padded);
        }
    }

    private static JobFormatException binary(String label) {
        return new JobFormatException(label + ": a binary RPM, not a source RPM");
    }

    /**
     * Typed access to header values. packager-rpm returns a bare value for one-element arrays
     * and an array otherwise, so every accessor accepts both.
     */
    private record Tags(InputHeader<?> header, String label) {
        String checked(int tag, String tagName, Pattern pattern) throws JobFormatException {
            String value = single(tag, tagName);
            if (value == null) {
                throw RpmLayout.corrupt(label, "the header lacks " + tagName);
            }
            if (!pattern.matcher(value).matches()) {
                throw RpmLayout.corrupt(label, "invalid " + tagName + " " + Shown.quote(value));
            }
            return value;
        }

        String single(int tag, String tagName) throws JobFormatException {
            List<String> values = strings(tag);
            if (values.size() > 1) {
                throw RpmLayout.corrupt(label, tagName + " has " + values.size() + " values");
            }
            return values.isEmpty() ? null : values.get(0);
        }

        List<String> strings(int tag) throws JobFormatException {
            Object value = header.getTag(tag);
            if (value == null) {
                return List.of();
            }
            Object[] values = value instanceof Object[] array ? array : new Object[] {value};
            List<String> out = new ArrayList<>(values.length);
            for (Object v : values) {
                if (!(v instanceof String) && !(v instanceof Number)) {
                    throw RpmLayout.corrupt(label, "tag " + tag + " has an unexpected type");
                }
                out.add(String.valueOf(v));
            }
            return out;
        }

        List<Integer> ints(int tag) throws JobFormatException {
            Object value = header.getTag(tag);
            if (value == null) {
                return List.of();
            }
            if (value instanceof int[] array) {
                return Arrays.stream(array).boxed().toList();
            }
            Object[] values = value instanceof Object[] array ? array : new Object[] {value};
            List<Integer> out = new ArrayList<>(values.length);
            for (Object v : values) {
                if (!(v instanceof Number number)) {
                    throw RpmLayout.corrupt(label, "tag " + tag + " is not a number");
                }
                out.add(number.intValue());
            }
            return out;
        }
    }
}
