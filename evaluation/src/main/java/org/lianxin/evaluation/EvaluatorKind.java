package org.lianxin.evaluation;

/** Who sits in the evaluator pool: experts (专家), deputies (人大代表、政协委员), citizens' representatives (群众代表). */
public enum EvaluatorKind {
    EXPERT, DEPUTY, CITIZEN_REP
}
