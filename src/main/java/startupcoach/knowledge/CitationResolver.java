package startupcoach.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sections from what a user types after {@code source}: a citation as rendered
 * ({@code 《title》 › a › b}), {@code file.md › heading}, a section id ({@code file.md#12}), a
 * heading path or heading text, or just a heading's number ({@code 4.4.3}, {@code 第5章}).
 * Separators {@code ›} and {@code >} are both accepted and headings compare in
 * {@link HeadingText#normalise normalised} form, since users retype citations by hand.
 */
final class CitationResolver {

    private static final Pattern SEPARATOR = Pattern.compile("\\s*[›>»]\\s*");
    private static final Pattern BOOK_TITLE = Pattern.compile("^《(.+)》$");

    private final List<Document> documents;
    private final Map<String, Section> byId;

    CitationResolver(List<Document> documents, Map<String, Section> byId) {
        this.documents = documents;
        this.byId = byId;
    }

    /**
     * Matching sections, best first: body sections before outline copies and front matter
     * (a citation must never land on the outline when the body has the same heading), then
     * exact path, path suffix, heading, heading number, heading substring, then file order.
     */
    List<Section> resolve(String citation) {
        String query = citation == null ? "" : citation.strip();
        if (query.isEmpty()) {
            return List.of();
        }
        Section direct = byId.get(query);
        if (direct != null) {
            return List.of(direct);
        }
        List<String> parts = new ArrayList<>();
        for (String part : SEPARATOR.split(query)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        List<Document> scope = documents;
        Matcher title = BOOK_TITLE.matcher(parts.isEmpty() ? "" : parts.get(0));
        if (title.matches()) {
            String wanted = HeadingText.normalise(title.group(1));
            scope = documents.stream().filter(d -> HeadingText.normalise(d.title()).equals(wanted)).toList();
            parts.remove(0);
        } else if (!parts.isEmpty() && parts.get(0).toLowerCase(Locale.ROOT).endsWith(".md")) {
            String wanted = parts.remove(0);
            scope = documents.stream().filter(d -> d.fileName().equalsIgnoreCase(wanted)).toList();
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        List<String> wanted = parts.stream().map(HeadingText::normalise).toList();
        List<Match> matches = new ArrayList<>();
        int order = 0;
        for (Document document : scope) {
            for (Section section : document.sections()) {
                int tier = tier(section, wanted);
                if (tier >= 0) {
                    matches.add(new Match(section, tier, order));
                }
                order++;
            }
        }
        matches.sort(Comparator.comparing((Match m) -> m.section().kind() != SectionKind.BODY)
                .thenComparingInt(Match::tier)
                .thenComparingInt(Match::order));
        return matches.stream().map(Match::section).toList();
    }

    private static boolean isSubsequence(List<String> wanted, List<String> path) {
        int i = 0;
        for (String element : path) {
            if (i < wanted.size() && element.equals(wanted.get(i))) {
                i++;
            }
        }
        return i == wanted.size();
    }

    private record Match(Section section, int tier, int order) {
    }

    /** 0 = same path … 4 = heading contains the text; -1 = no match. */
    private static int tier(Section section, List<String> wanted) {
        List<String> path = section.headingPath().stream().map(HeadingText::normalise).toList();
        if (path.equals(wanted)) {
            return 0;
        }
        if (wanted.size() < path.size() && path.subList(path.size() - wanted.size(), path.size()).equals(wanted)) {
            return 1;
        }
        String last = wanted.get(wanted.size() - 1);
        String heading = path.get(path.size() - 1);
        if (wanted.size() > 1) {
            // A hand-typed path may skip a level (a part between title and chapter).
            return heading.equals(last) && isSubsequence(wanted, path) ? 2 : -1;
        }
        if (heading.equals(last)) {
            return 2;
        }
        String label = HeadingText.label(section.heading());
        if (!label.isEmpty() && label.equals(last)) {
            return 3;
        }
        return last.length() >= 2 && heading.contains(last) ? 4 : -1;
    }
}
