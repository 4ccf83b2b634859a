package org.lianxin.supervision;

/** 满意, 基本满意, 不满意. */
public enum EvaluationResult { SATISFIED, BASICALLY_SATISFIED, UNSATISFIED }
