package startupcoach.digest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.QueryExpander;
import startupcoach.retrieve.TextAnalysis;

/** A knowledge base with its index and a BM25 retriever, for digest tests. */
record Knowledge(KnowledgeBase kb, PassageIndex index, DigestComposer composer) implements AutoCloseable {

    /** Eight short sections; four are about risk (风险), two about pricing. */
    static final String SMALL = """
            # 创业手册

            ## 1 市场风险

            市场风险来自需求变化。创业者应持续做市场调研，及时调整产品方向。

            ## 2 财务风险

            财务风险包括现金流紧张。保持六个月以上的现金储备。

            ## 3 技术风险

            技术风险在于模型效果不稳定。建立评测体系，持续监控线上效果。

            ## 4 定价策略

            价值定价比成本定价更能体现产品差异。

            ## 5 价格战

            价格战中要守住利润底线。不要用补贴换取不会留下的客户。

            ## 6 团队建设

            核心团队需要互补的人才。

            ## 7 法律风险

            数据隐私与合规是法律风险的重点。

            ## 8 品牌

            品牌是长期的信任积累。
            """;

    static Knowledge small(Path dir) {
        try {
            Path kbDir = Files.createDirectories(dir.resolve("kb"));
            Files.writeString(kbDir.resolve("handbook.md"), SMALL);
            return open(kbDir, dir.resolve("index"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The five documents the project ships, in {@code knowledge/}. */
    static Knowledge shipped(Path dir) {
        return open(Path.of("knowledge"), dir.resolve("index"));
    }

    private static Knowledge open(Path kbDir, Path indexDir) {
        KnowledgeBase kb = KnowledgeBase.load(kbDir);
        TextAnalysis analysis = new TextAnalysis();
        PassageIndex index = PassageIndex.openOrBuild(indexDir, kb, analysis, IndexProgress.SILENT);
        return new Knowledge(kb, index, new DigestComposer(kb, Bm25Retriever.create(index, analysis, QueryExpander.NONE)));
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
