package startupcoach.cli;

import java.util.List;
import startupcoach.coach.Reply;
import startupcoach.compose.Answer;
import startupcoach.retrieve.Hit;

/** The {@code ask --json} document: the answer plus the evidence behind it, for scripts and debugging. */
record JsonReply(String kind, String text, String note, String question, String language, Boolean covered,
                 List<String> citations, List<Passage> passages, List<String> followUps) {

    record Passage(int rank, double score, String citation, String file, List<String> headingPath,
                   String sectionId, String text) {

        static Passage of(Hit hit) {
            var s = hit.passage().section();
            return new Passage(hit.rank(), hit.score(), s.citation(), s.fileName(), s.headingPath(), s.id(),
                    hit.passage().text());
        }
    }

    static JsonReply of(Reply reply) {
        Answer a = reply.answer();
        if (a == null) {
            return new JsonReply(reply.kind().name(), reply.text(), reply.note(), null, null, null, List.of(), List.of(), List.of());
        }
        return new JsonReply(reply.kind().name(), reply.text(), reply.note(), a.question(), a.language().name(),
                a.covered(), a.citedSections().stream().map(s -> s.citation()).toList(),
                a.evidence().stream().map(Passage::of).toList(), a.followUps());
    }
}
