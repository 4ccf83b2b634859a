package org.lianxin.evaluation;

import java.util.List;

/**
 * What an evaluator reads of a matter: personal data masked (name 王**, ID and phone as masked at filing, no
 * address), the latest reply and its attachments' names, the recordings of its reception for playback.
 */
public record MaskedMatter(long drawId, long itemId, String itemNumber, String caseNumber, String subject,
        String category, String petitionerMasked, String idMasked, String phoneMasked, String replyText,
        String completionReport, List<String> attachmentNames, List<Long> recordingIds, Scores myScores) {
}
