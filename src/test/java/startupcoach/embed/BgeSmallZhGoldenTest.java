package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The DJL forward pass must reproduce ONNX Runtime on the very same model file: same token ids,
 * ORT's last hidden state, CLS pooling and L2 norm computed here.
 */
class BgeSmallZhGoldenTest {

    private static final Logger log = LoggerFactory.getLogger(BgeSmallZhGoldenTest.class);

    private static final String LONG_ZH = ("大模型创业公司在定价时，既要覆盖推理成本，又要让客户看到清晰的价值。"
            + "常见做法是按席位收费、按调用量收费或者按效果收费，每一种方式都对现金流和客户留存有不同影响。"
            + "早期团队应该先找到愿意付费的核心客户，再通过分层套餐扩大收入，同时监控毛利率，"
            + "避免因为算力成本上涨而陷入价格战。").repeat(3);
    private static final String LONG_EN = ("Founders of AI start-ups should price on value rather than cost: "
            + "measure the outcome a customer gets, charge a share of it, and keep usage-based tiers for "
            + "experimentation. ").repeat(12);

    /** Far beyond 512 tokens in both languages: both paths see the same first 510 tokens. */
    private static final String OVER_512 = LONG_ZH.repeat(2) + " " + LONG_EN;

    static final List<String> INPUTS = List.of(
            "如何制定定价策略",
            "产品定价的方法",
            "红烧肉的做法",
            "风险控制",
            "融资",
            "大模型创业公司如何进行品牌建设？",
            "早期团队应该怎样分配股权，才能避免创始人之间的冲突？",
            "Pricing Strategy",
            "PRICING STRATEGY FOR SAAS",
            "pricing strategy",
            "How should an AI start-up raise its seed round?",
            "What is a business model?",
            "Go-to-market: B2B vs. B2C, which one first?",
            "我们的 SaaS 产品应该用 usage-based pricing 还是 seat-based pricing？",
            "LLM 推理成本太高，毛利率只有 30%，怎么办？",
            "Café résumé naïve",
            "",
            "！！！？？？",
            "2024年Q3的ARR增长了150%",
            "第一章 风险与机遇\n\n1.1 市场风险：需求不确定。",
            LONG_ZH,
            LONG_EN,
            "短",
            "a",
            "🚀 Launch day! 我们的产品今天上线了🎉🎉",
            "👍",
            "Q4 OKR: 把 NPS 从 32 提到 45 😅 (ambitious?!)",
            "MiXeD CaSe: OpenAI, DeepSeek & ByteDance — who WINS the price war?",
            "「品牌」、『护城河』……还有“网络效应”；你怎么看？",
            OVER_512);

    private static BgeSmallZhEmbedder embedder;
    private static OrtEnvironment ort;
    private static OrtSession session;

    @BeforeAll
    static void load() throws Exception {
        // the default build runs this class twice: on the probe's choice, and in a JVM of its own on the
        // safe kernels (the surefire execution "golden-safe-kernels"), so both paths meet the golden bar
        KernelMode kernels = KernelMode.parse(System.getProperty("coach.test.kernels"));
        embedder = new BgeSmallZhEmbedder(ModelTestSupport.dataDir(), LoadProgress.silent(), kernels);
        if (kernels == KernelMode.SAFE) {
            org.assertj.core.api.Assertions.assertThat(DjlRuntime.kernels().path()).isEqualTo(KernelPath.SAFE);
        }
        ort = OrtEnvironment.getEnvironment();
        byte[] model;
        try (InputStream in = BgeSmallZhGoldenTest.class.getResourceAsStream(BgeSmallZhEmbedder.MODEL_RESOURCE)) {
            model = in.readAllBytes();
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        session = ort.createSession(model, options);
    }

    @AfterAll
    static void close() throws Exception {
        if (session != null) {
            session.close();
        }
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void matchesOnnxRuntimeOnChineseAndEnglishInputs() throws Exception {
        assertThat(INPUTS).hasSizeGreaterThanOrEqualTo(20);
        assertThat(INPUTS).as("mixed case").anyMatch(t -> t.matches(".*[a-z].*") && t.matches(".*[A-Z].*"));
        assertThat(INPUTS).as("emoji").anyMatch(t -> t.codePoints().anyMatch(c -> c >= 0x1F300 && c <= 0x1FAFF));
        assertThat(INPUTS).as("punctuation").anyMatch(t -> t.matches(".*[！？；「」…—].*"));
        assertThat(INPUTS).as("an input longer than 512 tokens, truncated")
                .anyMatch(t -> t.length() > 2000 && embedder.tokenIds(t).length == BgeSmallZhEmbedder.MAX_TOKENS);

        long startDjl = System.nanoTime();
        List<float[]> actual = embedder.embedAll(INPUTS);
        long djlMs = (System.nanoTime() - startDjl) / 1_000_000;

        long startOrt = System.nanoTime();
        List<float[]> expected = new ArrayList<>();
        for (String text : INPUTS) {
            expected.add(onnxRuntimeVector(embedder.tokenIds(text)));
        }
        long ortMs = (System.nanoTime() - startOrt) / 1_000_000;

        double min = 1;
        for (int i = 0; i < INPUTS.size(); i++) {
            double cosine = Vectors.cosine(actual.get(i), expected.get(i));
            min = Math.min(min, cosine);
            assertThat(cosine).as("cosine for input %d %s", i, abbreviate(INPUTS.get(i))).isGreaterThanOrEqualTo(0.9999);
            assertThat(norm(actual.get(i))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
        log.info("golden.result inputs={} minCosine={} djlBatchedMs={} ortOneByOneMs={}", INPUTS.size(), min, djlMs, ortMs);
    }

    @Test
    void longTextIsTruncatedTo512TokensAndStillMatches() throws Exception {
        String veryLong = LONG_ZH.repeat(4);
        long[] ids = embedder.tokenIds(veryLong);
        assertThat(veryLong.length()).isGreaterThan(1000);
        assertThat(ids).hasSize(BgeSmallZhEmbedder.MAX_TOKENS);
        assertThat(ids[ids.length - 1]).as("[SEP] kept after truncation").isEqualTo(102L);
        assertThat(Vectors.cosine(embedder.embed(veryLong), onnxRuntimeVector(ids))).isGreaterThanOrEqualTo(0.9999);
    }

    private static float[] onnxRuntimeVector(long[] ids) throws OrtException {
        long[][] inputIds = {ids};
        long[][] mask = {filled(ids.length, 1)};
        long[][] types = {filled(ids.length, 0)};
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(ort, inputIds);
             OnnxTensor maskTensor = OnnxTensor.createTensor(ort, mask);
             OnnxTensor typesTensor = OnnxTensor.createTensor(ort, types);
             OrtSession.Result result = session.run(Map.of(
                     "input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            // CLS pooling + L2 norm, as the bge model card prescribes
            return Vectors.normalize(hidden[0][0].clone());
        }
    }

    private static long[] filled(int length, long value) {
        long[] a = new long[length];
        Arrays.fill(a, value);
        return a;
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 30) + "…";
    }
}
