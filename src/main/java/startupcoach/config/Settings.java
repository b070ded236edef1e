package startupcoach.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import startupcoach.retrieve.RetrievalMode;

/**
 * The whole configuration of the bot, read once at start-up from {@code coach.yaml}, the
 * environment over it and the command-line options over both, then passed down by constructors.
 * {@link #load} checks every setting before anything starts and reports every problem at once
 * (a {@link SettingsException}, one line per problem), so an operator fixes a configuration in one
 * go instead of one restart per mistake. Immutable.
 *
 * @param core     knowledge base, data directory, embedding model
 * @param composer extractive or LLM, prompts, the language model
 * @param mode     the retrieval mode ({@code COACH_RETRIEVAL_MODE} or {@code --mode})
 * @param database SQLite under the data directory, or PostgreSQL
 * @param slack    Slack credentials and options (Slack stays off without them)
 * @param dingtalk DingTalk credentials and options (DingTalk stays off without them)
 * @param digests  digest time zone, grace, tick, minimum interval
 * @param http     {@code serve}'s HTTP limits
 * @param serve    rate limits and the shutdown grace
 * @param reload   admins and knowledge watching
 * @param environment the merged settings themselves, for the few read where they are used
 *                    ({@code HOSTNAME}, log format)
 */
public record Settings(CoachConfig core, ComposerSettings composer, RetrievalMode mode, DatabaseSettings database,
                       SlackSettings slack, DingTalkSettings dingtalk, DigestSettings digests, HttpSettings http,
                       ServeSettings serve, ReloadSettings reload, Map<String, String> environment) {

    /**
     * What the command line may override.
     *
     * @param knowledge {@code --knowledge}, or null
     * @param dataDir   {@code --data-dir}, or null
     * @param composer  {@code --composer}, or null
     * @param prompts   {@code --prompts}, or null
     * @param mode      {@code --mode}, or null
     */
    public record Options(Path knowledge, Path dataDir, String composer, Path prompts, String mode) {

        public static Options none() {
            return new Options(null, null, null, null, null);
        }
    }

    public Settings {
        Objects.requireNonNull(core, "core == null");
        Objects.requireNonNull(composer, "composer == null");
        Objects.requireNonNull(mode, "mode == null");
        Objects.requireNonNull(database, "database == null");
        Objects.requireNonNull(slack, "slack == null");
        Objects.requireNonNull(dingtalk, "dingtalk == null");
        Objects.requireNonNull(digests, "digests == null");
        Objects.requireNonNull(http, "http == null");
        Objects.requireNonNull(serve, "serve == null");
        Objects.requireNonNull(reload, "reload == null");
        environment = Map.copyOf(environment);
    }

    /**
     * Reads and checks everything.
     *
     * @param env the environment with {@code coach.yaml} already under it
     * @throws SettingsException listing every setting that cannot be used
     */
    public static Settings load(Map<String, String> env, Options options) {
        Environment e = new Environment(env);
        CoachConfig core = section(e, () -> CoachConfig.from(e, options.knowledge(), options.dataDir()));
        ComposerSettings composer = section(e, () -> ComposerSettings.from(e, options.composer(), options.prompts()));
        RetrievalMode mode = section(e, () -> options.mode() != null ? RetrievalMode.parse(options.mode())
                : e.parsed("COACH_RETRIEVAL_MODE", RetrievalMode.HYBRID, RetrievalMode::parse, "bm25, dense or hybrid"));
        DatabaseSettings database = core == null ? null : section(e, () -> DatabaseSettings.fromEnvironment(env, core.dataDir()));
        SlackSettings slack = section(e, () -> SlackSettings.from(e));
        DingTalkSettings dingtalk = section(e, () -> DingTalkSettings.from(e));
        DigestSettings digests = section(e, () -> DigestSettings.from(e));
        HttpSettings http = section(e, () -> HttpSettings.from(e));
        ServeSettings serve = section(e, () -> ServeSettings.from(e));
        ReloadSettings reload = section(e, () -> ReloadSettings.from(e));
        e.requireValid();
        return new Settings(core, composer, mode, database, slack, dingtalk, digests, http, serve, reload, env);
    }

    /**
     * One section, or null with its problem recorded: a record's own check (a model name missing
     * beside {@code LLM_BASE_URL}) must not hide the problems of the sections after it.
     */
    private static <T> T section(Environment e, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException problem) {
            e.problem(problem.getMessage());
            return null;
        }
    }

    /** The environment alone, no options (tests, {@code serve} started from code). */
    public static Settings load(Map<String, String> env) {
        return load(env, Options.none());
    }

    /** The same settings with another core (a test's knowledge and data directories). */
    public Settings withCore(CoachConfig newCore) {
        return new Settings(newCore, composer, mode, DatabaseSettings.fromEnvironment(environment, newCore.dataDir()), slack, dingtalk,
                digests, http, serve, reload, environment);
    }

    /** The same settings with another composer. */
    public Settings withComposer(ComposerSettings newComposer) {
        return new Settings(core, newComposer, mode, database, slack, dingtalk, digests, http, serve, reload, environment);
    }
}
