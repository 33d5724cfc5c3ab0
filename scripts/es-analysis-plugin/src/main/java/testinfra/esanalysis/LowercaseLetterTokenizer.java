package testinfra.esanalysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;

/**
 * Splits text at non-letters and lowercases each token, i.e. a letter
 * tokenizer followed by a lowercase filter in one step (the behaviour of the
 * {@code lowercase} tokenizer). Tokens longer than 255 chars are split.
 */
final class LowercaseLetterTokenizer extends Tokenizer {

    private static final int MAX_TOKEN_LENGTH = 255;

    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAtt = addAttribute(OffsetAttribute.class);

    private final char[] ioBuffer = new char[4096];
    private int ioLength;
    private int ioPos;
    /** Number of chars of the input consumed so far (offset of the next char). */
    private int offset;
    private boolean hasPushback;
    private int pushback;
    private int finalOffset;

    private int readChar() throws IOException {
        if (hasPushback) {
            hasPushback = false;
            offset++;
            return pushback;
        }
        if (ioPos >= ioLength) {
            ioLength = input.read(ioBuffer, 0, ioBuffer.length);
            ioPos = 0;
            if (ioLength <= 0) {
                ioLength = 0;
                return -1;
            }
        }
        offset++;
        return ioBuffer[ioPos++];
    }

    private void unread(int c) {
        hasPushback = true;
        pushback = c;
        offset--;
    }

    private int readCodePoint() throws IOException {
        int c = readChar();
        if (c >= 0 && Character.isHighSurrogate((char) c)) {
            int d = readChar();
            if (d >= 0) {
                if (Character.isLowSurrogate((char) d)) {
                    return Character.toCodePoint((char) c, (char) d);
                }
                unread(d);
            }
        }
        return c;
    }

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        char[] term = termAtt.buffer();
        int length = 0;
        int start = -1;
        int end = -1;
        while (true) {
            final int before = offset;
            final int c = readCodePoint();
            if (c < 0) {
                break;
            }
            if (Character.isLetter(c)) {
                if (length == 0) {
                    start = before;
                }
                if (length + 2 > term.length) {
                    term = termAtt.resizeBuffer(length + 2);
                }
                length += Character.toChars(Character.toLowerCase(c), term, length);
                end = offset;
                if (length >= MAX_TOKEN_LENGTH) {
                    break;
                }
            } else if (length > 0) {
                break;
            }
        }
        if (length == 0) {
            finalOffset = correctOffset(offset);
            return false;
        }
        termAtt.setLength(length);
        offsetAtt.setOffset(correctOffset(start), correctOffset(end));
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        finalOffset = correctOffset(offset);
        offsetAtt.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        ioLength = 0;
        ioPos = 0;
        offset = 0;
        hasPushback = false;
        finalOffset = 0;
    }
}
