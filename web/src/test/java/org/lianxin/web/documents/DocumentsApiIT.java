package org.lianxin.web.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lianxin.recording.storage.ObjectStore;
import org.lianxin.scheduler.testing.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documents API over real HTTP against the whole application on PostgreSQL (dev profile: Sichuan demo data and
 * users), the documents limit lowered to 256 KiB so that too-large uploads stay quick. 锦江区 (a county of 成都)
 * uploads; 成都 (the city above) reads; 涪城区 (a county of 绵阳, another city) gets 404. Every refused upload is
 * checked to have kept nothing: no row, no object.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=dev",
        "lianxin.demo.password=" + DocumentsApiIT.PASSWORD,
        "lianxin.scheduler.identity-key=bGlhbnhpbi10ZXN0LWlkZW50aXR5LWtleS0zMmJ5dGVz",
        "lianxin.data-dir=target/documents-it-data",
        "lianxin.documents.max-bytes=" + DocumentsApiIT.MAX_BYTES})
class DocumentsApiIT {
    static final String PASSWORD = "documents-it-demo-password";
    static final int MAX_BYTES = 256 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JINJIANG = basic("jinjiang.scheduler");
    private static final String CHENGDU = basic("cd.scheduler");
    private static final String FUCHENG = basic("fucheng.scheduler");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.Jdbc db = TestDatabases.postgresUrl("web_documents");
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectStore objects;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private long rowsBefore;
    private int objectsBefore;

    @BeforeEach
    void countWhatIsKept() {
        rowsBefore = rows();
        objectsBefore = objects.list("documents/").size();
    }

    @Test
    void aPdfWithAChineseNameComesBackByteForByteWithItsHashAndEveryDownloadIsAudited() throws Exception {
        byte[] pdf = pdf(40_000);
        String name = "信访事项答复意见书（锦江区）.pdf";
        Response up = upload(JINJIANG, name, "application/pdf", pdf);
        assertThat(up.status).as(up.text()).isEqualTo(201);
        JsonNode doc = up.json();
        long id = doc.path("id").asLong();
        assertThat(up.header("Location")).isEqualTo("/api/documents/" + id);
        assertThat(doc.path("name").asString()).isEqualTo(name);
        assertThat(doc.path("contentType").asString()).isEqualTo("application/pdf");
        assertThat(doc.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(doc.path("sha256").asString()).isEqualTo(sha256(pdf));
        assertThat(doc.has("objectKey")).as("the object key stays inside").isFalse();

        Response down = get(CHENGDU, "/api/documents/" + id);
        assertThat(down.status).as(down.text()).isEqualTo(200);
        assertThat(down.body).isEqualTo(pdf);
        assertThat(sha256(down.body)).isEqualTo(doc.path("sha256").asString());
        assertThat(down.header("Content-Type")).startsWith("application/pdf");
        assertThat(down.header("Content-Disposition")).startsWith("attachment;")
                .contains("filename*=UTF-8''" + DownloadName.encode(name))
                .contains("filename=\"" + DownloadName.asciiFallback(name) + "\"");
        assertThat(down.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(down.header("Content-Security-Policy")).isEqualTo("sandbox");

        Response meta = get(JINJIANG, "/api/documents/" + id + "/meta");
        assertThat(meta.status).as(meta.text()).isEqualTo(200);
        assertThat(meta.json().path("sha256").asString()).isEqualTo(sha256(pdf));
        assertThat(meta.json().path("uploadedBy").asString()).isEqualTo("jinjiang.scheduler");

        assertThat(jdbc.sql("select username from document_download where document_id = ? order by id").param(id)
                .query(String.class).list()).containsExactly("cd.scheduler");
        assertThat(rows()).isEqualTo(rowsBefore + 1);
        assertThat(objects.list("documents/")).hasSize(objectsBefore + 1);
    }

    @Test
    void anotherCitysUserGets404AsForADocumentThatDoesNotExist() {
        long id = upload(JINJIANG, "照片.png", "image/png", png()).json().path("id").asLong();
        for (String path : new String[] {"/api/documents/" + id, "/api/documents/" + id + "/meta"}) {
            Response other = get(FUCHENG, path);
            assertThat(other.status).as(other.text()).isEqualTo(404);
            assertThat(other.json().path("rule").asString()).isEqualTo("document-not-found");
            Response missing = get(FUCHENG, path.replace("/" + id, "/" + (id + 100_000)));
            assertThat(missing.status).isEqualTo(404);
            assertThat(missing.json().path("detail").asString())
                    .isEqualTo(other.json().path("detail").asString().replace("" + id, "" + (id + 100_000)));
        }
        assertThat(jdbc.sql("select count(*) from document_download where document_id = ?").param(id)
                .query(Long.class).single()).as("a refused read is no download").isZero();
        assertThat(get(JINJIANG, "/api/documents/" + id).status).as("the uploader's office reads it").isEqualTo(200);
    }

    @Test
    void aRenamedExecutableAndAnyOtherTypeAreRefusedWith415AndNothingIsKept() {
        byte[] exe = withHead("MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1), 5_000);
        Response renamed = upload(JINJIANG, "答复.pdf", "application/pdf", exe);
        assertThat(renamed.status).as(renamed.text()).isEqualTo(415);
        assertThat(renamed.json().path("rule").asString()).isEqualTo("document-type-not-allowed");
        assertThat(renamed.json().path("type").asString()).isEqualTo("urn:lianxin:problem:document-type-not-allowed");

        Response pngAsPdf = upload(JINJIANG, "答复.pdf", "application/pdf", png());
        assertThat(pngAsPdf.status).as(pngAsPdf.text()).isEqualTo(415);
        assertThat(pngAsPdf.json().path("rule").asString()).isEqualTo("document-type-mismatch");

        Response pdfDeclaredAsImage = upload(JINJIANG, "答复", "image/jpeg", pdf(1000));
        assertThat(pdfDeclaredAsImage.status).as(pdfDeclaredAsImage.text()).isEqualTo(415);
        assertThat(pdfDeclaredAsImage.json().path("rule").asString()).isEqualTo("document-type-mismatch");

        Response html = upload(JINJIANG, "page.html", "text/html",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.status).isEqualTo(415);
        assertNothingKept();
    }

    @Test
    void tooLargeIsRefusedWith413WhetherTheFormOrTheRequestIsOverTheLimitAndNothingIsKept() {
        Response justOver = upload(JINJIANG, "大文件.pdf", "application/pdf", pdf(MAX_BYTES + 1));
        assertThat(justOver.status).as(justOver.text()).isEqualTo(413);
        assertThat(justOver.json().path("rule").asString()).isEqualTo("body-too-large");

        Response farOver = upload(JINJIANG, "大文件.pdf", "application/pdf", pdf(1024 * 1024));
        assertThat(farOver.status).as(farOver.text()).isEqualTo(413);
        assertThat(farOver.json().path("rule").asString()).isEqualTo("body-too-large");

        Response atTheLimit = upload(JINJIANG, "刚好.pdf", "application/pdf", pdf(MAX_BYTES));
        assertThat(atTheLimit.status).as(atTheLimit.text()).isEqualTo(201);
        assertThat(rows()).isEqualTo(rowsBefore + 1);
    }

    @Test
    void anEmptyFileOrAFormWithoutTheFileIsABadRequest() {
        Response empty = upload(JINJIANG, "空.pdf", "application/pdf", new byte[0]);
        assertThat(empty.status).as(empty.text()).isEqualTo(400);
        assertThat(empty.json().path("rule").asString()).isEqualTo("document-empty");

        Response noFile = send(JINJIANG, "POST", "/api/documents", "multipart/form-data; boundary=x",
                "--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nhello\r\n--x--\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(noFile.status).as(noFile.text()).isEqualTo(400);
        assertThat(noFile.json().path("rule").asString()).isEqualTo("document-upload-malformed");
        assertNothingKept();
    }

    @Test
    void theStoredNameLosesItsFoldersAndControlCharacters() {
        Response up = upload(JINJIANG, "../../桌面/回\u202Eexe.pdf\t", "application/pdf", pdf(500));
        assertThat(up.status).as(up.text()).isEqualTo(201);
        assertThat(up.json().path("name").asString()).isEqualTo("回exe.pdf");
    }

    private void assertNothingKept() {
        assertThat(rows()).as("no row").isEqualTo(rowsBefore);
        assertThat(objects.list("documents/")).as("no object").hasSize(objectsBefore);
    }

    private long rows() {
        return jdbc.sql("select count(*) from document").query(Long.class).single();
    }

    // --- content

    static byte[] pdf(int size) {
        return withHead("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), size);
    }

    static byte[] png() {
        return withHead(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 2_000);
    }

    static byte[] withHead(byte[] head, int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        System.arraycopy(head, 0, b, 0, Math.min(head.length, size));
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    // --- HTTP

    record Response(int status, byte[] body, HttpResponse<byte[]> raw) {
        String text() {
            return status + " " + new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    Response upload(String auth, String filename, String contentType, byte[] content) {
        String boundary = "----lianxin" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(auth, "POST", "/api/documents", "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    Response get(String auth, String path) {
        return send(auth, "GET", path, null, null);
    }

    Response send(String auth, String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", auth);
        if (contentType != null) b.header("Content-Type", contentType);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
