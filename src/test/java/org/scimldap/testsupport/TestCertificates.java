package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Self-signed server certificates for tests of TLS to a directory, made with the UnboundID SDK's
 * {@code manage-certificates} tool: a PKCS#12 key store (for an in-memory LDAPS listener), the
 * certificate as PEM (what a client trusts, {@code ldap.caFile}) and the private key as unencrypted
 * PEM (what a Samba DC or slapd serves).
 *
 * @param keyStore the PKCS#12 key store holding the key pair under {@link #ALIAS}
 * @param keyStorePassword its password
 * @param certificatePem the certificate, PEM
 * @param privateKeyPem the private key, PKCS#8 PEM, readable by the owner only
 */
public record TestCertificates(
    Path keyStore, String keyStorePassword, Path certificatePem, Path privateKeyPem) {

  /** The alias of the key pair in the key store. */
  public static final String ALIAS = "server";

  private static Path sample;

  /**
   * A PEM file named {@code name} holding one certificate, made once per test run and copied for
   * each name, for tests that need a certificate file but no server.
   */
  public static synchronized Path samplePem(String name) throws IOException {
    if (sample == null) {
      Path dir = Files.createTempDirectory("test-certificates");
      dir.toFile().deleteOnExit();
      TestCertificates made =
          create(dir, "sample.example.com", List.of("sample.example.com"), List.of());
      for (Path p : List.of(made.keyStore(), made.certificatePem(), made.privateKeyPem())) {
        p.toFile().deleteOnExit();
      }
      sample = made.certificatePem();
    }
    Path copy = sample.resolveSibling(name);
    if (!Files.exists(copy)) {
      Files.copy(sample, copy);
      copy.toFile().deleteOnExit();
    }
    return copy;
  }

  /**
   * Creates a certificate for {@code commonName} whose subject alternative names are the given DNS
   * names and IP addresses, valid for 30 days, in {@code dir}.
   */
  public static TestCertificates create(
      Path dir, String commonName, List<String> dnsNames, List<String> ipAddresses)
      throws IOException {
    Files.createDirectories(dir);
    Path keyStore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server-cert.pem");
    Path key = dir.resolve("server-key.pem");
    String password = "test-key-store-password";
    List<String> generate =
        new ArrayList<>(
            List.of(
                "generate-self-signed-certificate",
                "--keystore",
                keyStore.toString(),
                "--keystore-password",
                password,
                "--keystore-type",
                "PKCS12",
                "--alias",
                ALIAS,
                "--subject-dn",
                "CN=" + commonName,
                "--key-algorithm",
                "RSA",
                "--key-length-bits",
                "2048",
                "--days-valid",
                "30"));
    dnsNames.forEach(name -> generate.addAll(List.of("--subject-alternative-name-dns", name)));
    ipAddresses.forEach(
        ip -> generate.addAll(List.of("--subject-alternative-name-ip-address", ip)));
    run(generate);
    run(
        List.of(
            "export-certificate",
            "--keystore",
            keyStore.toString(),
            "--keystore-password",
            password,
            "--alias",
            ALIAS,
            "--output-format",
            "PEM",
            "--output-file",
            certificate.toString()));
    run(
        List.of(
            "export-private-key",
            "--keystore",
            keyStore.toString(),
            "--keystore-password",
            password,
            "--alias",
            ALIAS,
            "--output-format",
            "PEM",
            "--output-file",
            key.toString()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    return new TestCertificates(keyStore, password, certificate, key);
  }

  private static void run(List<String> arguments) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
    ResultCode result =
        ManageCertificates.main(null, print, print, arguments.toArray(String[]::new));
    if (result != ResultCode.SUCCESS) {
      throw new IOException(
          "manage-certificates "
              + arguments.get(0)
              + " failed ("
              + result
              + "): "
              + output.toString(StandardCharsets.UTF_8));
    }
  }
}
