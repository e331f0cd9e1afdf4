//! The closed vocabulary of claim properties, and what kind of value each one takes.
//!
//! Every property is documented in docs/data-format.md; adding one means adding a variant
//! here, a row there, and nothing else.

use crate::value::Noun;
use serde::Deserialize;

/// What a property's value must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A quantity in this unit (a currency for money).
    Quantity(UnitClass),
    /// A calendar date or period ("2023年4月", "2024-07-10").
    Date,
    /// Free text in the original wording ("Apache 2.0").
    Text,
    /// No value: the claim states a relation between subject and object.
    Relation,
}

/// The family of units a quantity may be stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    /// A currency amount: USD, EUR or CNY, never converted.
    Money,
    /// A percentage.
    Percent,
    /// A count of the named thing ("parameters", "tokens", "users", ...).
    Count(Noun),
    /// Seconds.
    Seconds,
    /// Tokens per second.
    TokensPerSecond,
    /// A score on a benchmark: a percentage or bare points.
    Score,
    /// A position in a ranked list (1 = first).
    Rank,
}

macro_rules! properties {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal : $kind:expr, )*) => {
        /// A claim's property, from the closed vocabulary of docs/data-format.md.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Property {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Property {
            /// Every property, in declaration order.
            pub const ALL: &'static [Property] = &[$(Property::$variant,)*];

            /// The snake_case name used in data files and JSON.
            pub fn name(self) -> &'static str {
                match self { $(Property::$variant => $name,)* }
            }

            /// The kind of value this property takes.
            pub fn value_kind(self) -> ValueKind {
                use UnitClass::*;
                use ValueKind::*;
                match self { $(Property::$variant => $kind,)* }
            }

            /// The property's documentation line.
            pub fn description(self) -> &'static str {
                match self { $(Property::$variant => concat!($($doc),*).trim_ascii(),)* }
            }
        }
    };
}

properties! {
    // Relations (structural edges backed by claims).
    /// The subject (model or family) was developed by the object (organization).
    DevelopedBy = "developed_by": Relation,
    /// The subject (model or family) belongs to the object (family).
    MemberOf = "member_of": Relation,
    /// The subject (model) succeeds the object (model) as the next version.
    SuccessorOf = "successor_of": Relation,
    /// The subject (model) was derived from the object (model); the kind is in `derivation`.
    DerivedFrom = "derived_from": Relation,
    /// The subject (organization) is a subsidiary or unit of the object (organization).
    SubsidiaryOf = "subsidiary_of": Relation,
    /// The subject (organization) was founded by the object (person).
    FoundedBy = "founded_by": Relation,
    /// The subject (organization) raised the object (funding round).
    Raised = "raised": Relation,
    /// The subject (investor) invested in the object (funding round).
    InvestedIn = "invested_in": Relation,
    /// The subject (model, dataset or application) was built with the object (a model,
    /// dataset or application), in a way the source does not type.
    DependsOn = "depends_on": Relation,
    /// The subject is the same entity as the object, under another id (an imported entry
    /// and an existing one); queries follow it both ways.
    SameAs = "same_as": Relation,

    // Models.
    /// Total parameters of a model.
    ParametersTotal = "parameters_total": Quantity(Count(Noun::Parameters)),
    /// Parameters active per token (mixture-of-experts models).
    ParametersActive = "parameters_active": Quantity(Count(Noun::Parameters)),
    /// Context window in tokens.
    ContextWindow = "context_window": Quantity(Count(Noun::Tokens)),
    /// Tokens of training data.
    TrainingTokens = "training_tokens": Quantity(Count(Noun::Tokens)),
    /// Words of training data.
    TrainingWords = "training_words": Quantity(Count(Noun::Words)),
    /// Bytes of training data.
    TrainingBytes = "training_bytes": Quantity(Count(Noun::Bytes)),
    /// GPU memory (显存) a model needs to be deployed ("6GB显存即可部署").
    DeploymentMemory = "deployment_memory": Quantity(Count(Noun::Bytes)),
    /// How many times as fast as the object, or as the `scope` names ("速度快6倍").
    SpeedMultiple = "speed_multiple": Quantity(Count(Noun::Times)),
    /// How many times lower the cost than the object, or than the `scope` names
    /// ("比竞争对手低8倍成本").
    CostAdvantageMultiple = "cost_advantage_multiple": Quantity(Count(Noun::Times)),
    /// Release (or founding, for an organization) date.
    ReleaseDate = "release_date": Date,
    /// Founding date of an organization.
    Founded = "founded": Date,
    /// License under which a model is released.
    License = "license": Text,
    /// Lifecycle status as the source words it ("已停产", "活跃", "未发布").
    LifecycleStatus = "lifecycle_status": Text,
    /// A notable trait as the source words it (architecture, quantization, specialty).
    Feature = "feature": Text,
    /// Score on a benchmark (the object), as a percentage or points.
    BenchmarkScore = "benchmark_score": Quantity(Score),
    /// Generation speed in tokens per second.
    ThroughputTokensPerS = "throughput_tokens_per_s": Quantity(TokensPerSecond),
    /// Response latency in seconds.
    LatencyS = "latency_s": Quantity(Seconds),
    /// A relative improvement or difference in percent (speed-up, lead over a rival).
    RelativeChange = "relative_change": Quantity(Percent),

    // Markets and money.
    /// Size of a market (subject) in a currency.
    MarketSize = "market_size": Quantity(Money),
    /// Compound annual growth rate.
    Cagr = "cagr": Quantity(Percent),
    /// Growth over a period, in percent.
    GrowthRate = "growth_rate": Quantity(Percent),
    /// Growth expressed as a multiple ("10倍", "翻倍" is 2).
    GrowthMultiple = "growth_multiple": Quantity(Count(Noun::Times)),
    /// Share of a market (the object, or the qualifier scope).
    MarketShare = "market_share": Quantity(Percent),
    /// Share of some whole other than a market (usage, revenue mix, respondents).
    Share = "share": Quantity(Percent),
    /// Revenue over a period.
    Revenue = "revenue": Quantity(Money),
    /// Annualized revenue run rate.
    RevenueRunRate = "revenue_run_rate": Quantity(Money),
    /// Net loss over a period.
    NetLoss = "net_loss": Quantity(Money),
    /// Company valuation.
    Valuation = "valuation": Quantity(Money),
    /// Amount raised (by a round, or in total by an organization).
    FundingAmount = "funding_amount": Quantity(Money),
    /// Value of tenders won.
    TenderAmount = "tender_amount": Quantity(Money),
    /// Price per million input tokens.
    PriceInputPerMtok = "price_input_per_mtok": Quantity(Money),
    /// Price per million output tokens.
    PriceOutputPerMtok = "price_output_per_mtok": Quantity(Money),
    /// A rank in a stated list (qualifier `scope` names the list).
    Rank = "rank": Quantity(Rank),

    // Usage and audience.
    /// Monthly active users.
    MonthlyActiveUsers = "monthly_active_users": Quantity(Count(Noun::Users)),
    /// Total users.
    Users = "users": Quantity(Count(Noun::Users)),
    /// Monthly visits.
    MonthlyVisits = "monthly_visits": Quantity(Count(Noun::Visits)),
    /// Downloads (cumulative unless a period says otherwise).
    Downloads = "downloads": Quantity(Count(Noun::Downloads)),
    /// Downloads per month.
    MonthlyDownloads = "monthly_downloads": Quantity(Count(Noun::Downloads)),
    /// Downloads per week.
    WeeklyDownloads = "weekly_downloads": Quantity(Count(Noun::Downloads)),
    /// API calls per month.
    MonthlyApiCalls = "monthly_api_calls": Quantity(Count(Noun::Calls)),
    /// Prompts per day.
    DailyPrompts = "daily_prompts": Quantity(Count(Noun::Prompts)),
    /// Tokens processed per day.
    DailyTokens = "daily_tokens": Quantity(Count(Noun::Tokens)),
    /// Customers (organizations).
    Customers = "customers": Quantity(Count(Noun::Customers)),
    /// Developers using a platform.
    Developers = "developers": Quantity(Count(Noun::Developers)),
    /// Paid seats.
    PaidSeats = "paid_seats": Quantity(Count(Noun::Seats)),
    /// Employees.
    Employees = "employees": Quantity(Count(Noun::Employees)),
    /// People contributing to a project.
    Contributors = "contributors": Quantity(Count(Noun::People)),
    /// GitHub stars.
    GithubStars = "github_stars": Quantity(Count(Noun::Stars)),
    /// Natural languages covered.
    Languages = "languages": Quantity(Count(Noun::Languages)),
    /// User satisfaction in percent.
    Satisfaction = "satisfaction": Quantity(Percent),

    // Counts of artefacts.
    /// Models (hosted, released or derived, as the scope says).
    ModelCount = "model_count": Quantity(Count(Noun::Models)),
    /// Datasets hosted.
    DatasetCount = "dataset_count": Quantity(Count(Noun::Datasets)),
    /// Models derived from the subject.
    DerivativeModels = "derivative_models": Quantity(Count(Noun::Models)),
    /// Events per day (uploads, updates), as the scope says.
    DailyEvents = "daily_events": Quantity(Count(Noun::Events)),
    /// Average parameters of a group of models.
    AverageParameters = "average_parameters": Quantity(Count(Noun::Parameters)),
    /// Number of entries a list or index contains (models on a leaderboard, say).
    Entries = "entries": Quantity(Count(Noun::Entries)),
}

impl std::fmt::Display for Property {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Property {
    /// Looks a property up by its snake_case name.
    pub fn from_name(name: &str) -> Option<Property> {
        Property::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// Whether the claim is a structural relation (it needs an object and no value).
    pub fn is_relation(self) -> bool {
        self.value_kind() == ValueKind::Relation
    }
}
