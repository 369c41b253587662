package io.listlines.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files the TLS flags name (a certificate chain, a PKCS#8 private key, a CA's
 * certificates), for the servers and the client alike. A file that is missing, unreadable or not
 * what its flag needs fails the command at start with one sentence naming the flag, the file and
 * the problem (status 2), never a stack trace: it is the operator's mistake, found before any
 * connection.
 */
public final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private PemFiles() {}

    /**
     * The certificates of a PEM file, in order (a chain: the leaf first).
     *
     * @throws CommandFailure (usage) if the file holds none, or one that does not parse
     */
    public static List<X509Certificate> certificates(String flag, Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
        for (Block block : blocks(flag, file)) {
            if (!block.type().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw bad(
                        flag,
                        file,
                        "certificate " + (certificates.size() + 1) + " does not parse (" + e.getMessage() + ")");
            }
        }
        if (certificates.isEmpty()) {
            throw bad(flag, file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The private key of a PEM file: an unencrypted PKCS#8 key (RSA, EC, Ed25519 or Ed448).
     *
     * @throws CommandFailure (usage) for no key, an encrypted or PKCS#1/SEC 1 one (naming the {@code openssl}
     *                        command that converts it), or one that does not parse
     */
    public static PrivateKey privateKey(String flag, Path file) {
        for (Block block : blocks(flag, file)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(flag, file, block.der());
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw bad(
                            flag,
                            file,
                            "holds an encrypted key; give it unencrypted (openssl pkcs8 -in KEY -out KEY.pem), "
                                    + "readable only by the server's user");
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
                    throw bad(
                            flag,
                            file,
                            "holds a " + block.type().replace(" PRIVATE KEY", "")
                                    + " key in the old format, not PKCS#8; convert it with openssl pkcs8 -topk8 -nocrypt -in "
                                    + file + " -out key.pem");
                default -> {
                    // a certificate beside the key, parameters: not the key
                }
            }
        }
        throw bad(flag, file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /**
     * Checks that {@code key} is the private half of {@code certificate}'s public key, by signing and
     * verifying a few bytes: a mismatched pair would otherwise fail every handshake, later and vaguely.
     *
     * @throws CommandFailure (usage) naming both files when they do not match
     */
    public static void requireMatch(
            String keyFlag, Path keyFile, PrivateKey key, String certFlag, Path certFile, X509Certificate certificate) {
        PublicKey publicKey = certificate.getPublicKey();
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign as themselves
        };
        boolean matches;
        try {
            byte[] probe = "listlines".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            matches = false; // a key of another type than the certificate's
        }
        if (!matches) {
            throw CommandFailure.usage(keyFlag + " " + keyFile + ": the key does not belong to the certificate in "
                    + certFlag + " " + certFile + ".");
        }
    }

    private static PrivateKey pkcs8(String flag, Path file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException tryNext) {
                // not this algorithm's key
            }
        }
        throw bad(flag, file, "holds a private key that does not parse as PKCS#8 RSA, EC or EdDSA");
    }

    /** A PEM block: its type ({@code CERTIFICATE}, {@code PRIVATE KEY} ...) and its decoded bytes. */
    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(String flag, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw bad(flag, file, "no such file");
        } catch (AccessDeniedException e) {
            throw bad(flag, file, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw bad(
                    flag, file, Files.isDirectory(file) ? "is a directory" : "cannot be read (" + e.getMessage() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw bad(flag, file, "has a " + m.group(1) + " block that is not valid base64");
            }
            blocks.add(new Block(m.group(1), der));
        }
        if (blocks.isEmpty()) {
            throw bad(flag, file, "is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    private static CommandFailure bad(String flag, Path file, String problem) {
        return CommandFailure.usage(flag + " " + file + ": " + problem + ".");
    }
}
