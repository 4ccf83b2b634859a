package org.lianxin.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The checkpoints' Ed25519 key: the private key as a PKCS#8 PEM file (mode 600, generated on first use if missing,
 * never printed), the public key as an X.509 PEM ({@link #publicPem}) that anyone may have — a verifier needs no
 * secret.
 */
public final class CheckpointKeys {

    private static final String ALGORITHM = "Ed25519";

    private CheckpointKeys() {
    }

    /** The key pair in {@code privateKeyFile}, generated into it (mode 600) if the file does not exist. */
    public static KeyPair loadOrGenerate(Path privateKeyFile) {
        try {
            if (!Files.exists(privateKeyFile)) {
                generate(privateKeyFile);
            }
            return load(privateKeyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("audit checkpoint key " + privateKeyFile + ": " + e.getMessage(), e);
        }
    }

    private static void generate(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no Ed25519 in this JVM", e);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        String pem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return; // another start made it first: use that one
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        Files.writeString(publicFileOf(file), publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
    }

    private static KeyPair load(Path file) throws IOException {
        byte[] der = unpem(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY", file);
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            // JDK 17 cannot derive an EdDSA public key from the private one (PKCS#8 v1 holds only the seed): the
            // public key is kept beside it, and checked to belong to it below
            Path pub = publicFileOf(file);
            PublicKey publicKey;
            if (Files.exists(pub)) {
                publicKey = readPublic(pub);
            } else {
                throw new IOException("missing public key " + pub + " beside the private key");
            }
            if (!matches(priv, publicKey)) {
                throw new IOException("the public key " + pub + " does not belong to the private key " + file);
            }
            return new KeyPair(publicKey, priv);
        } catch (GeneralSecurityException e) {
            throw new IOException("not an Ed25519 private key (PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    private static boolean matches(PrivateKey priv, PublicKey pub) throws GeneralSecurityException {
        byte[] probe = "lianxin-audit-key-check".getBytes(StandardCharsets.US_ASCII);
        java.security.Signature s = java.security.Signature.getInstance(ALGORITHM);
        s.initSign(priv);
        s.update(probe);
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(probe);
        return s.verify(sig);
    }

    /** The public key file kept beside a private key file: its name with {@code .pub} added. */
    public static Path publicFileOf(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    /** Reads an X.509 PEM public key. */
    public static PublicKey readPublic(Path file) throws IOException {
        return parsePublic(Files.readString(file, StandardCharsets.US_ASCII), file);
    }

    static PublicKey parsePublic(String pem, Object where) throws IOException {
        byte[] der = unpem(pem, "PUBLIC KEY", where);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an Ed25519 public key (X.509 PEM) in " + where + ": " + e.getMessage(), e);
        }
    }

    /** The public key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** The key's id as checkpoints name it: SHA-256 of its X.509 encoding, lowercase hex. */
    public static String keyId(PublicKey key) {
        return AuditCanonical.sha256(key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String text, String type, Object where) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IOException("no " + begin + " in " + where);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IOException("bad base64 in " + where, ex);
        }
    }
}
