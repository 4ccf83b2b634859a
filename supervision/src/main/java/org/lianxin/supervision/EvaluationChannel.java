package org.lianxin.supervision;

/** At the terminal (identity checked as at check-in), or told by phone to staff (who is recorded). */
public enum EvaluationChannel { KIOSK, PHONE }
