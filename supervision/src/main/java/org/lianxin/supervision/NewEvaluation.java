package org.lianxin.supervision;

/** @param idNumber KIOSK only: the ID-card number, checked against the case and never stored or logged */
public record NewEvaluation(EvaluationResult result, EvaluationChannel channel, String idNumber, String note) {
    @Override
    public String toString() { // never print the ID number
        return "NewEvaluation[" + result + ", " + channel + "]";
    }
}
