"""Link stage: citations, inheritance, relations, coverage, quizzes — derived once from the model."""
