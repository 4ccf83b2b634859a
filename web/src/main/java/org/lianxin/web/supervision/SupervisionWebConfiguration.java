package org.lianxin.web.supervision;

import org.lianxin.documents.DocumentReaders;
import org.lianxin.documents.DocumentStore;
import java.time.Clock;

import org.lianxin.notification.Notifications;
import org.lianxin.supervision.Items;
import org.lianxin.supervision.SupervisionNotices;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The supervision module's ports in the application: notices go to the notification outbox, the reply's attachments
 * come from the documents module, and an item's readers may read its reply's attachments.
 */
@Configuration(proxyBeanMethods = false)
class SupervisionWebConfiguration {
    @Bean
    SupervisionNotices supervisionNotices(Notifications notifications, Clock clock) {
        return new SupervisionMail(notifications, clock);
    }

    @Bean
    ReplyDocuments replyDocuments(DocumentStore documents) {
        return new StoredReplyDocuments(documents);
    }

    @Bean
    DocumentReaders itemDocumentReaders(Items items) {
        return new ItemDocumentReaders(items);
    }
}
