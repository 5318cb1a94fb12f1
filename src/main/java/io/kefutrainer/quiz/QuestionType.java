package io.kefutrainer.quiz;

/** The kinds of question a bank can hold; names are written as they are in YAML and JSON. */
public enum QuestionType {
    single, multiple, true_false, short_answer, matching, numeric, essay, description;

    /** Descriptions are text shown between questions; nothing to answer or grade. */
    public boolean answerable() {
        return this != description;
    }

    /** Essays wait for a trainer; every other answerable type is graded on submission. */
    public boolean autoGraded() {
        return this != description && this != essay;
    }

    public String label() {
        switch (this) {
            case single: return "单选题";
            case multiple: return "多选题";
            case true_false: return "判断题";
            case short_answer: return "填空题";
            case matching: return "匹配题";
            case numeric: return "数值题";
            case essay: return "问答题";
            default: return "说明";
        }
    }
}
