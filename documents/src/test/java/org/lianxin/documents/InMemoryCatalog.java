package org.lianxin.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A hand-written catalog for the store's tests; {@link #failNextAdd()} makes the next row fail as a database would. */
final class InMemoryCatalog implements DocumentCatalog {
    private final Map<Long, DocumentInfo> rows = new ConcurrentHashMap<>();
    private final List<Download> downloads = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean failNext;

    void failNextAdd() {
        failNext = true;
    }

    int size() {
        return rows.size();
    }

    @Override
    public DocumentInfo add(NewDocument d) {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("database down (test)");
        }
        long id = ids.incrementAndGet();
        DocumentInfo info = new DocumentInfo(id, d.name(), d.type(), d.size(), d.sha256(), d.objectKey(),
                d.uploadedBy(), d.officeId(), d.uploadedAt());
        rows.put(id, info);
        return info;
    }

    @Override
    public Optional<DocumentInfo> find(long id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public boolean holds(String objectKey) {
        return rows.values().stream().anyMatch(r -> r.objectKey().equals(objectKey));
    }

    @Override
    public synchronized void recordDownload(Download download) {
        downloads.add(download);
    }

    @Override
    public synchronized List<Download> downloads(long documentId) {
        return downloads.stream().filter(d -> d.documentId() == documentId).toList();
    }
}
