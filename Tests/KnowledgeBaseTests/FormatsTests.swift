import Testing

@testable import KnowledgeBase

@Suite("Formats")
struct FormatsTests {
    let nl = Formats(strings: Strings(language: .nl))
    let en = Formats(strings: Strings(language: .en))

    @Test("money, percentages and months in Dutch")
    func dutch() {
        #expect(nl.money(180000) == "€ 180.000")
        #expect(nl.money(1_250_000) == "€ 1.250.000")
        #expect(nl.money(999) == "€ 999")
        #expect(nl.percent(62.5) == "62,5%")
        #expect(nl.percent(40) == "40%")
        #expect(nl.months(8) == "8 maanden")
        #expect(nl.months(1) == "1 maand")
        #expect(nl.moneyWithCents(4) == "€ 4,00")
        #expect(nl.date("2024-06-01") == "1 juni 2024")
        #expect(nl.yearMonth(YearMonth("2018-03")!) == "maart 2018")
        #expect(nl.initiatives(1) == "1 initiatief")
        #expect(nl.initiatives(2) == "2 initiatieven")
    }

    @Test("and in English")
    func english() {
        #expect(en.money(180000) == "€180,000")
        #expect(en.percent(62.5) == "62.5%")
        #expect(en.months(8) == "8 months")
        #expect(en.date("2024-06-01") == "1 June 2024")
    }
}
