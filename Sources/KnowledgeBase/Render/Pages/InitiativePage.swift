import Foundation

/// One write-up: everything its front matter says, its body, and similar write-ups.
struct InitiativePage: PageKind {
    static let template = "initiative"

    var initiative: Detail
    /// Similar write-ups (the same list as `initiative.related`).
    var initiatives: Summaries

    var templateValue: TemplateValue { ["initiative": initiative.templateValue, "initiatives": initiatives.templateValue] }

    static func pages(_ c: PageContext) -> [Page] {
        let body = BodyLocaliser(c.strings)
        return c.catalog.initiatives.enumerated().map { index, initiative in
            page(
                url: c.urls.initiative(initiative.slug), title: initiative.title, description: initiative.summary, section: "initiatieven",
                breadcrumbs: [(c.strings["nav.initiatives"], c.urls.initiatives), (initiative.title, "")], scripts: ["compare-select.js"],
                // Partner links name organisation pages by the partners' names, which are here too.
                // Lineage shows the title and region of what it is based on and of every follower
                // (whose own based_on says whom it followed via); which write-ups those are
                // follows from their front matter, so the list itself is declared.
                inputs: PageInputs(
                    "initiative", content: [index],
                    frontMatter: c.catalog.lineage.basedOn[index] + c.catalog.lineage.followers[index],
                    summaries: c.catalog.related[index])
            ) { InitiativePage(initiative: Detail(index, c, body: body), initiatives: c.summaries(c.catalog.related[index])) }
        }
    }

    /// All keys of a summary, plus the rest of the write-up.
    struct Detail: TemplateModel {
        var title: String
        var url: String
        var summary: String
        var region: Summary.RegionRef
        var types: [Summary.TypeRef]
        var status: Summary.Status
        var start: String
        var startSort: String
        var period: String
        var updated: String?
        var cardHTML: String?
        /// The write-up as HTML, localised (the one value written with a triple mustache).
        var bodyHTML: String
        /// Joined with ", "; may be "".
        var municipalities: String
        var funding: [Label]
        var evidence: Label?
        var partnerGroups: [PartnerGroup]
        var businessCase: BusinessCaseModel?
        var results: ResultsModel?
        var tags: [Label]
        var sources: [Source]
        /// Nil when the write-up gives no contact details.
        var contact: Contact?
        /// The body's level-2 headings.
        var toc: [Heading]
        var related: Summaries
        /// "1 juni 2024": the last editorial review.
        var reviewed: String?
        /// Why it stopped; only for status gestopt.
        var stoppedReason: String?
        /// What its `based_on` names.
        var basedOn: [Reference]
        /// Every write-up based on it, directly or further down.
        var followers: [Follower]
        /// "In 4 van 31 regio's" for an original (based on nothing) that was followed, else "".
        var reach: String
        /// The write-up as a schema.org `Project` in JSON-LD, safe inside `<script>` (`<`, `>`, `&` escaped).
        var schemaOrgHTML: String
        /// What the compare page shows of it, as JSON, safe inside `<script>`.
        var compareDataHTML: String

        var templateValue: TemplateValue {
            .fields([
                "title": .string(title), "url": .string(url), "summary": .string(summary), "region": region.templateValue,
                "types": types.templateValue, "status": status.templateValue, "start": .string(start), "startSort": .string(startSort),
                "period": .string(period), "updated": updated.map(TemplateValue.string), "cardHTML": cardHTML.map(TemplateValue.string),
                "bodyHTML": .string(bodyHTML), "municipalities": .string(municipalities), "funding": funding.templateValue,
                "evidence": evidence?.templateValue, "partnerGroups": partnerGroups.templateValue,
                "businessCase": businessCase?.templateValue, "results": results?.templateValue, "tags": tags.templateValue,
                "sources": sources.templateValue, "contact": contact?.templateValue, "toc": toc.templateValue,
                "related": related.templateValue, "reviewed": reviewed.map(TemplateValue.string),
                "stoppedReason": stoppedReason.map(TemplateValue.string), "basedOn": basedOn.templateValue,
                "followers": followers.templateValue, "reach": .string(reach), "schemaOrgHTML": .string(schemaOrgHTML),
                "compareDataHTML": .string(compareDataHTML),
            ])
        }
    }

    struct PartnerGroup: TemplateModel {
        var kindLabel: String
        var partners: [Partner]

        var templateValue: TemplateValue { ["kindLabel": .string(kindLabel), "partners": partners.templateValue] }
    }

    struct Partner: TemplateModel {
        var name: String
        /// Its organisation page, or "" when it has none.
        var url: String

        var templateValue: TemplateValue { ["name": .string(name), "url": .string(url)] }
    }

    struct Source: TemplateModel {
        var title: String
        var url: String

        var templateValue: TemplateValue { ["title": .string(title), "url": .string(url)] }
    }

    struct Contact: TemplateModel {
        var name: String?
        var organisation: String?
        var email: String?

        var templateValue: TemplateValue {
            .fields(["name": name.map(TemplateValue.string), "organisation": organisation.map(TemplateValue.string), "email": email.map(TemplateValue.string)])
        }
    }

    /// A write-up this one is based on, and where it is.
    struct Reference: TemplateModel {
        var title: String
        var url: String
        var region: Summary.RegionRef

        var templateValue: TemplateValue { ["title": .string(title), "url": .string(url), "region": region.templateValue] }
    }

    /// A write-up based on this one, where it is, and for an indirect one whom it followed.
    struct Follower: TemplateModel {
        var title: String
        var url: String
        var region: Summary.RegionRef
        /// The followers it is based on (empty for a direct one).
        var via: [Link]

        var templateValue: TemplateValue {
            ["title": .string(title), "url": .string(url), "region": region.templateValue, "via": via.templateValue]
        }
    }

    struct Link: TemplateModel {
        var title: String
        var url: String

        var templateValue: TemplateValue { ["title": .string(title), "url": .string(url)] }
    }

    struct Heading: TemplateModel {
        var text: String
        var id: String

        var templateValue: TemplateValue { ["text": .string(text), "id": .string(id)] }
    }
}

extension InitiativePage.Detail {
    init(_ index: Int, _ c: PageContext, body: BodyLocaliser) {
        let i = c.catalog.initiatives[index]
        let s = c.cards.summary(index)
        (title, url, summary, region, types, status) = (s.title, s.url, s.summary, s.region, s.types, s.status)
        (start, startSort, period, updated, cardHTML) = (s.start, s.startSort, s.period, s.updated, s.cardHTML)
        bodyHTML = body.localised(c.site.html(of: i))
        municipalities = i.municipalities.joined(separator: ", ")
        funding = i.funding.map { Label(label: c.strings["funding.\($0.rawValue)"]) }
        evidence = i.evidenceLevel.map { Label(label: c.strings["evidence.\($0.rawValue)"]) }
        partnerGroups = PartnerKind.allCases.compactMap { kind in
            let partners = i.partners.filter { $0.kind == kind }
            guard !partners.isEmpty else { return nil }
            return InitiativePage.PartnerGroup(
                kindLabel: c.strings["kind.\(kind.rawValue)"],
                partners: partners.map { p in
                    InitiativePage.Partner(name: p.name, url: c.catalog.organisationSlug(for: p.name).map(c.urls.organisation) ?? "")
                })
        }
        businessCase = i.businessCase.map { BusinessCaseModel($0, c) }
        results = i.results.map { ResultsModel($0, c.formats) }
        tags = i.tags.map { Label(label: $0) }
        sources = i.sources.map { InitiativePage.Source(title: $0.title, url: $0.url) }
        let contact = i.contact.map { InitiativePage.Contact(name: $0.name, organisation: $0.organisation, email: $0.email) }
        self.contact = contact.flatMap { $0.name == nil && $0.organisation == nil && $0.email == nil ? nil : $0 }
        toc = i.body.headings.filter { $0.level == 2 }.map { InitiativePage.Heading(text: $0.text, id: $0.id) }
        related = c.summaries(c.catalog.related[index])
        reviewed = i.reviewed.map { c.formats.date($0.date) }
        stoppedReason = i.status == .gestopt ? i.stoppedReason : nil
        let lineage = c.catalog.lineage
        let initiatives = c.catalog.initiatives
        func regionRef(_ other: Initiative) -> Summary.RegionRef {
            let region = c.site.reference.region(code: other.regionCode)
            return Summary.RegionRef(
                name: region?.name ?? other.regionCode, code: other.regionCode, url: region.map { c.urls.region($0.slug) } ?? "")
        }
        func link(_ j: Int) -> InitiativePage.Link {
            InitiativePage.Link(title: initiatives[j].title, url: c.urls.initiative(initiatives[j].slug))
        }
        basedOn = lineage.basedOn[index].map { j in
            InitiativePage.Reference(title: initiatives[j].title, url: link(j).url, region: regionRef(initiatives[j]))
        }
        let followerSet = Set(lineage.followers[index])
        followers = lineage.followers[index].map { j in
            // A direct follower needs no "via"; a further one names the followers it built on.
            let via = lineage.basedOn[j].contains(index) ? [] : lineage.basedOn[j].filter(followerSet.contains).map(link)
            return InitiativePage.Follower(title: initiatives[j].title, url: link(j).url, region: regionRef(initiatives[j]), via: via)
        }
        (reach, schemaOrgHTML, compareDataHTML) = ("", "", "")
        if lineage.basedOn[index].isEmpty, !lineage.followers[index].isEmpty {
            let regions = Set([i.regionCode] + lineage.followers[index].map { initiatives[$0].regionCode })
            reach = c.strings.format(
                "ui.lineage_reach",
                ["n": c.formats.integer(regions.count), "total": c.formats.integer(c.site.reference.regions.count)])
        }
        schemaOrgHTML = InitiativeData.schemaOrg(index, self, c)
        compareDataHTML = InitiativeData.compare(index, self, c)
    }
}

/// What a business case costs, who pays, and what the Wlz is expected to save (formatted).
struct BusinessCaseModel: TemplateModel {
    var investment: String
    var contributions: [Contribution]
    var expected: String
    var positive: Bool
    var verdict: String
    var verdictExplained: String
    var realised: String?
    var horizon: String?
    var perEuro: String?
    var chartHTML: String

    struct Contribution: TemplateModel {
        var label: String
        var amount: String

        var templateValue: TemplateValue { ["label": .string(label), "amount": .string(amount)] }
    }

    var templateValue: TemplateValue {
        .fields([
            "investment": .string(investment), "contributions": contributions.templateValue, "expected": .string(expected),
            "positive": .bool(positive), "verdict": .string(verdict), "verdictExplained": .string(verdictExplained),
            "realised": realised.map(TemplateValue.string), "horizon": horizon.map(TemplateValue.string),
            "perEuro": perEuro.map(TemplateValue.string), "chartHTML": .string(chartHTML),
        ])
    }

    init(_ bc: BusinessCase, _ c: PageContext) {
        let (strings, formats) = (c.strings, c.formats)
        investment = formats.money(bc.investment)
        contributions = bc.contributions.map { Contribution(label: strings["kind.\($0.kind.rawValue)"], amount: formats.money($0.amount)) }
        expected = formats.money(bc.expectedWlzSavings)
        positive = bc.isPositive
        verdict = strings[bc.isPositive ? "format.verdict_positive" : "format.verdict_negative"]
        verdictExplained = strings[
            bc.zorgkantoorContribution == 0
                ? "format.verdict_no_zorgkantoor" : bc.isPositive ? "format.verdict_explained_positive" : "format.verdict_explained_negative"]
        realised = bc.realisedWlzSavings.map(formats.money)
        horizon = bc.horizonYears.map(formats.years)
        perEuro = bc.savingsPerZorgkantoorEuro.map { strings.format("format.per_euro", ["amount": formats.moneyWithCents($0)]) }
        chartHTML = Self.chart(bc, c)
    }

    /// Who pays what against what the Wlz is expected to save (and did save).
    static func chart(_ bc: BusinessCase, _ c: PageContext) -> String {
        let (strings, formats) = (c.strings, c.formats)
        var rows = bc.contributions.map {
            BarChart.Row(
                label: strings.format("format.chart_contribution", ["party": strings["kind.\($0.kind.rawValue)"]]), value: Double($0.amount),
                display: formats.money($0.amount))
        }
        if rows.isEmpty {
            rows.append(BarChart.Row(label: strings["format.chart_investment"], value: Double(bc.investment), display: formats.money(bc.investment)))
        }
        rows.append(
            BarChart.Row(
                label: strings["format.chart_expected"], value: Double(bc.expectedWlzSavings), display: formats.money(bc.expectedWlzSavings),
                kind: .saving))
        if let realised = bc.realisedWlzSavings {
            rows.append(BarChart.Row(label: strings["format.chart_realised"], value: Double(realised), display: formats.money(realised), kind: .realised))
        }
        return BarChart(id: "grafiek-businesscase", title: strings["format.chart_business_case"], rows: rows, table: nil).html()
    }
}

/// What a write-up reports as results (formatted); each key optional.
struct ResultsModel: TemplateModel {
    var participants: String?
    var admissionsPct: String?
    var averageDelay: String?
    var qualityOfLife: String?
    var caregiverBurden: String?
    var evaluator: String?

    init(_ r: Results, _ formats: Formats) {
        participants = r.participants.map(formats.integer)
        admissionsPct = r.admissionsPreventedOrDelayedPct.map(formats.percent)
        averageDelay = r.averageDelayMonths.map(formats.months)
        (qualityOfLife, caregiverBurden, evaluator) = (r.qualityOfLife, r.caregiverBurden, r.evaluator)
    }

    var templateValue: TemplateValue {
        .fields([
            "participants": participants.map(TemplateValue.string), "admissionsPct": admissionsPct.map(TemplateValue.string),
            "averageDelay": averageDelay.map(TemplateValue.string), "qualityOfLife": qualityOfLife.map(TemplateValue.string),
            "caregiverBurden": caregiverBurden.map(TemplateValue.string), "evaluator": evaluator.map(TemplateValue.string),
        ])
    }
}
