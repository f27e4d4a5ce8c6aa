package org.dramatis.api;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.dramatis.common.UserError;

/**
 * Runs a JShell script in this JVM (local execution, so the script sees the same classes and
 * statics as Dramatis) with {@code org.dramatis.api.*} imported. The script is cut into snippets
 * as JShell would read them; the first snippet that fails to compile or throws stops the script
 * with a one-line error naming its line.
 */
public final class Scripts {

    private Scripts() {}

    public static void run(String file, String text) {
        try (JShell js = JShell.builder().executionEngine(new LocalExecutionControlProvider(), Map.of())
                .out(System.out).err(System.err).build()) {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) js.addToClasspath(entry);
            }
            check(file, "", 0, "", js.eval("import org.dramatis.api.*;"), js);
            SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
            int offset = 0; // where the unread rest of the script starts
            while (!text.substring(offset).isBlank()) {
                String rest = text.substring(offset);
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) break;
                if (!info.completeness().isComplete()) {
                    throw new UserError(file + ":" + lineAt(text, offset + leading(rest)) + ": the script ends inside this statement");
                }
                // The snippet's source is the start of the rest (JShell may add a closing ';').
                int snippetStart = offset;
                offset += rest.length() - info.remaining().length();
                check(file, text, snippetStart, info.source(), js.eval(info.source()), js);
            }
        }
    }

    private static void check(String file, String text, int at, String source, List<SnippetEvent> events, JShell js) {
        for (SnippetEvent e : events) {
            Snippet s = e.snippet();
            // JShell may drop leading blank lines and comments from the source: align first characters.
            int first = at + leading(text.substring(at));
            int base = first - leading(source);
            if (e.status() == Snippet.Status.REJECTED) {
                Diag d = js.diagnostics(s).filter(Diag::isError).findFirst().orElse(null);
                String msg = d == null ? "rejected" : d.getMessage(null).lines().findFirst().orElse("").trim();
                int line = lineAt(text, d == null || d.getStartPosition() < 0 ? first
                        : base + (int) Math.min(d.getStartPosition(), source.length()));
                throw new UserError(file + ":" + line + ": " + msg);
            }
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = js.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).collect(Collectors.joining(", "));
                throw new UserError(file + ":" + lineAt(text, first) + ": cannot find " + missing);
            }
            JShellException ex = e.exception();
            if (ex != null) {
                int frame = frameLine(ex);
                // Frame lines count from the snippet's first non-blank line; without one, name that line.
                throw new UserError(file + ":" + (lineAt(text, first) + Math.max(frame, 1) - 1) + ": " + describe(ex));
            }
        }
    }

    /** The line inside the snippet where it threw (1-based), from the last stack frame in a snippet ("#id"), else 0. */
    private static int frameLine(JShellException ex) {
        int line = 0;
        for (StackTraceElement f : ex.getStackTrace()) {
            if (f.getFileName() != null && f.getFileName().startsWith("#") && f.getLineNumber() > 0) line = f.getLineNumber();
        }
        return line;
    }

    private static String describe(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException u) return "unresolved reference: " + u.getSnippet().source().trim();
        String cls = ex instanceof EvalException ev ? ev.getExceptionClassName() : ex.getClass().getName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        // A Dramatis input error already reads as a sentence; others keep their class name.
        if (cls.equals(UserError.class.getName()) || cls.endsWith("ModelConfigException") || cls.endsWith("KvCacheCapacityException")) {
            return ex.getMessage();
        }
        return simple + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }

    /** The offset of the first character that is not blank or in a // comment. */
    private static int leading(String s) {
        int i = 0;
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The 1-based line of an offset in the text. */
    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
