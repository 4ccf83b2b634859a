package org.lianxin.web.documents;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Keys under {@code lianxin.documents} (attachments of replies: PDF, PNG, JPEG, kept in the recordings' object store
 * under {@code documents/}).
 *
 * @param maxBytes   the largest document accepted (default 20MB, i.e. 20 MiB); a larger upload gets 413
 *                   {@code body-too-large} and nothing is kept
 * @param orphanAge  how old an object under {@code documents/} without its row must be before the sweep deletes it
 *                   (default 1h: younger ones may be an upload whose row is being written)
 * @param sweepEvery how often the sweep runs after the one at start (default 1h)
 * @param scratchDir where uploads are read to and checked before they are stored (default
 *                   ${lianxin.data-dir}/documents-scratch)
 */
@ConfigurationProperties("lianxin.documents")
@Validated
public record DocumentsProperties(
        @NotNull @DefaultValue("20MB") DataSize maxBytes,
        @NotNull @DefaultValue("1h") Duration orphanAge,
        @NotNull @DefaultValue("1h") Duration sweepEvery,
        Path scratchDir) {
}
