package testinfra.esanalysis;

import org.elasticsearch.common.settings.Settings;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Parses the {@code token_chars} / {@code custom_token_chars} settings of the
 * n-gram tokenizers into a code point predicate.
 */
final class TokenChars {

    private static final String KNOWN = "[letter, digit, whitespace, punctuation, symbol, custom]";

    private TokenChars() {}

    /** Returns null when every character is a token character (no token_chars given). */
    static IntPredicate parse(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate result = c -> false;
        boolean custom = false;
        for (String raw : classes) {
            String cls = raw.toLowerCase(Locale.ROOT).trim();
            IntPredicate p;
            switch (cls) {
                case "letter":
                    p = Character::isLetter;
                    break;
                case "digit":
                    p = Character::isDigit;
                    break;
                case "whitespace":
                    p = Character::isWhitespace;
                    break;
                case "punctuation":
                    p = TokenChars::isPunctuation;
                    break;
                case "symbol":
                    p = TokenChars::isSymbol;
                    break;
                case "custom":
                    custom = true;
                    p = customChars(settings);
                    break;
                default:
                    throw new IllegalArgumentException("Unknown token type: '" + raw + "', must be one of " + KNOWN);
            }
            result = result.or(p);
        }
        if (custom == false && settings.get("custom_token_chars") != null) {
            throw new IllegalArgumentException("Token type: 'custom' must be in [token_chars] when [custom_token_chars] is set");
        }
        return result;
    }

    private static IntPredicate customChars(Settings settings) {
        String chars = settings.get("custom_token_chars");
        if (chars == null || chars.isEmpty()) {
            throw new IllegalArgumentException("Token type: 'custom' requires setting [custom_token_chars]");
        }
        final int[] codePoints = chars.codePoints().toArray();
        return c -> {
            for (int cp : codePoints) {
                if (cp == c) {
                    return true;
                }
            }
            return false;
        };
    }

    private static boolean isPunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    private static boolean isSymbol(int c) {
        switch (Character.getType(c)) {
            case Character.MATH_SYMBOL:
            case Character.CURRENCY_SYMBOL:
            case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
