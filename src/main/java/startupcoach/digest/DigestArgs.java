package startupcoach.digest;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the words after {@code digest}: quoting, {@code key=value} options, times, days, zones and
 * topics. Every mistake becomes a {@link UsageException} whose message tells the user what to type.
 */
final class DigestArgs {

    /** A mistake in a digest command; the message is for the user. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Options after the schedule. */
    record Options(ZoneId zone, List<DigestTopic> topics) {
    }

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})[:：](\\d{2})");
    private static final String QUOTES = "\"'\u201C\u201D\u2018\u2019\uFF02";
    private static final Map<String, DayOfWeek> DAYS = days();

    private DigestArgs() {
    }

    /** Splits on white space; "…", '…' and the curly quotes chat apps substitute keep spaces inside. */
    static List<String> tokenize(String args) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (QUOTES.indexOf(c) >= 0) {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new UsageException("A quote is not closed: put the cron expression in matching quotes, e.g. digest cron \"0 9 * * 1-5\".");
        }
        if (any) {
            out.add(current.toString());
        }
        return out;
    }

    static boolean isOption(String token) {
        return token.indexOf('=') > 0;
    }

    /**
     * Parses {@code tz=…} and {@code topics=…}; anything else is a mistake.
     *
     * @param tokens only option tokens (a value split after a comma is joined back)
     */
    static Options options(List<String> tokens, ZoneId defaultZone, boolean zoneAllowed) {
        ZoneId zone = defaultZone;
        List<DigestTopic> topics = List.of();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (!isOption(token)) {
                throw new UsageException("Unexpected \u201C" + token + "\u201D.");
            }
            String key = token.substring(0, token.indexOf('=')).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder(token.substring(token.indexOf('=') + 1).strip());
            // "topics=risk, pricing": the space after the comma split the value.
            while (endsWithSeparator(value) && i + 1 < tokens.size() && !isOption(tokens.get(i + 1))) {
                value.append(tokens.get(++i));
            }
            switch (key) {
                case "tz", "zone", "timezone", "时区" -> {
                    if (!zoneAllowed) {
                        throw new UsageException("tz= is only for subscribing (daily, weekly, cron).");
                    }
                    zone = zone(value.toString());
                }
                case "topics", "topic", "主题" -> topics = topics(value.toString());
                default -> throw new UsageException("Unknown option \u201C" + key + "=\u201D: use tz= and topics=.");
            }
        }
        return new Options(zone, topics);
    }

    private static boolean endsWithSeparator(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        char c = s.charAt(s.length() - 1);
        return c == ',' || c == '，' || c == '、';
    }

    /** {@code 09:00}, {@code 9:30}, {@code 18：00} (full-width colon). */
    static LocalTime time(String token) {
        Matcher m = TIME.matcher(token.strip());
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = Integer.parseInt(m.group(2));
            if (hour < 24 && minute < 60) {
                return LocalTime.of(hour, minute);
            }
        }
        throw new UsageException("\u201C" + token + "\u201D is not a time of day: use HH:MM on a 24-hour clock, e.g. 09:00 or 18:30.");
    }

    /** An IANA zone id, case-insensitive ({@code asia/shanghai}), or an offset such as {@code UTC+8}. */
    static ZoneId zone(String value) {
        String v = value.strip();
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(v)) {
                    return ZoneId.of(id);
                }
            }
            throw new UsageException("Unknown time zone \u201C" + v + "\u201D: use an IANA name such as Asia/Shanghai, "
                    + "Europe/Berlin or America/New_York, or UTC.");
        }
    }

    /** Comma-separated topics; English keys, aliases or the Chinese words. */
    static List<DigestTopic> topics(String value) {
        Set<DigestTopic> out = new LinkedHashSet<>();
        for (String word : value.split("[,，、]")) {
            if (word.isBlank()) {
                continue;
            }
            out.add(DigestTopic.find(word).orElseThrow(() -> new UsageException("Unknown topic \u201C" + word.strip()
                    + "\u201D. Topics: " + DigestTopic.vocabulary() + ".")));
        }
        if (out.isEmpty()) {
            throw new UsageException("topics= is empty. Topics: " + DigestTopic.vocabulary() + ".");
        }
        return List.copyOf(out);
    }

    /** {@code mon}, {@code monday}, {@code 周一}, {@code 星期一}; a comma list for several days. */
    static Set<DayOfWeek> days(String token) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String d : token.split("[,，、]")) {
            out.add(dayOfWeek(d).orElseThrow(() -> new UsageException("\u201C" + d + "\u201D is not a day of the week: use mon, tue,"
                    + " wed, thu, fri, sat or sun (or 周一…周日), e.g. digest weekly mon 09:00.")));
        }
        return out;
    }

    static Optional<DayOfWeek> dayOfWeek(String word) {
        return Optional.ofNullable(DAYS.get(word.strip().toLowerCase(Locale.ROOT)));
    }

    private static Map<String, DayOfWeek> days() {
        Map<String, DayOfWeek> m = new java.util.HashMap<>();
        String[] zh = {"一", "二", "三", "四", "五", "六", "日"};
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            m.put(full, d);
            m.put(full.substring(0, 3), d);
            String n = zh[d.getValue() - 1];
            m.put("周" + n, d);
            m.put("星期" + n, d);
        }
        m.put("周天", DayOfWeek.SUNDAY);
        m.put("星期天", DayOfWeek.SUNDAY);
        m.put("tues", DayOfWeek.TUESDAY);
        m.put("thur", DayOfWeek.THURSDAY);
        m.put("thurs", DayOfWeek.THURSDAY);
        return Map.copyOf(m);
    }
}
