import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// A citation from its parts, for the formatter tests.
func cite(article: String? = nil, paragraph: String? = nil, subparagraph: String? = nil, point: String? = nil,
          annex: String? = nil, section: String? = nil, clause: String? = nil, instrument: String = "x") -> Citation {
    var c = Citation(instrument: instrument)
    c.article = article; c.paragraph = paragraph; c.subparagraph = subparagraph; c.point = point
    c.annex = annex; c.section = section; c.clause = clause
    return c
}

@Suite("Citations render in their jurisdiction's official form")
struct CitationFormatterTests {
    @Test("EU style")
    func eu() {
        #expect(CitationFormatter.english(cite(article: "5", paragraph: "1", point: "f")) == "Art. 5(1)(f)")
        #expect(CitationFormatter.english(cite(point: "4(a)", annex: "III")) == "Annex III, point 4(a)")
        #expect(CitationFormatter.english(cite(clause: "5.2")) == "clause 5.2")
        #expect(CitationFormatter.english(cite(article: "6", paragraph: "3", subparagraph: "3")) == "Art. 6(3), third subparagraph")
    }

    @Test("Chinese style with Chinese numerals")
    func chinese() {
        #expect(CitationFormatter.chinese(cite(article: "17", paragraph: "2")) == "第十七条第二款")
        #expect(CitationFormatter.chinese(cite(article: "4", paragraph: "1", point: "1")) == "第四条第一款第（一）项")
        #expect(CitationFormatter.numeral("10") == "十")
        #expect(CitationFormatter.numeral("21") == "二十一")
        #expect(CitationFormatter.numeral("105") == "一百零五")
    }

    @Test("an EU citation's structure in Chinese: article, paragraph, point, subparagraph, annex")
    func euInChinese() {
        #expect(CitationFormatter.chineseStructure(cite(article: "5", paragraph: "1", point: "f")) == "第5条第1款第(f)项")
        #expect(CitationFormatter.chineseStructure(cite(article: "5", paragraph: "1", point: "(ba)")) == "第5条第1款第(ba)项")
        #expect(CitationFormatter.chineseStructure(cite(article: "3", point: "63")) == "第3条第(63)项")
        #expect(CitationFormatter.chineseStructure(cite(article: "111", paragraph: "2")) == "第111条第2款")
        // An unnumbered subparagraph is 段, never 项, which would read as a point (as "6(3)(3)" would in English).
        #expect(CitationFormatter.chineseStructure(cite(article: "6", paragraph: "3", subparagraph: "3")) == "第6条第3款第三段")
        #expect(CitationFormatter.chineseStructure(cite(article: "50", paragraph: "4", subparagraph: "2", point: "a")) == "第50条第4款第二段第(a)项")
        #expect(CitationFormatter.chineseStructure(cite(point: "4(a)", annex: "III")) == "附件三第4点(a)项")
        #expect(CitationFormatter.chineseStructure(cite(point: "2", annex: "III")) == "附件三第2点")
        #expect(CitationFormatter.chineseStructure(cite(annex: "XIII")) == "附件十三")
        #expect(CitationFormatter.chineseStructure(cite(annex: "IV")) == "附件四")
        #expect(CitationFormatter.chineseStructure(cite(annex: "VIII", section: "A")) == "附件八A节")
        #expect(CitationFormatter.chineseStructure(cite(clause: "4.1")) == "条款4.1")
        #expect(CitationFormatter.annexNumeral("XIV") == "十四")
        #expect(CitationFormatter.annexNumeral("2a") == "2a", "text that is not a numeral stays as written")
    }

    let algorithm = Instrument(id: "cn-algorithm", title: LocalizedText(en: "Provisions on the Administration of Algorithmic Recommendation", zh: "互联网信息服务算法推荐管理规定"),
                               shortTitle: LocalizedText(en: "Algorithm Recommendation Provisions"),
                               identifier: "国家互联网信息办公室等四部门令第9号", url: nil, adopted: nil, inForce: Day("2022-03-01")!,
                               status: .bindingLaw, jurisdiction: "CN")
    let aia = Instrument(id: "eu-aia", title: LocalizedText(en: "Regulation (EU) 2024/1689 (Artificial Intelligence Act)", zh: "第（EU）2024/1689号条例"),
                         shortTitle: LocalizedText(en: "AI Act", zh: "欧盟《人工智能法》"),
                         identifier: "Regulation (EU) 2024/1689 (CELEX 32024R1689)", url: nil, adopted: nil, inForce: Day("2024-08-01")!,
                         status: .bindingLaw, jurisdiction: "EU")

    @Test("English names a Chinese instrument by its short title and keeps the official identifier; Chinese keeps the official form")
    func chineseInstrumentInEnglish() {
        let r = CitationFormatter.reference(cite(article: "24", paragraph: "1", instrument: "cn-algorithm"), instruments: [algorithm, aia], jurisdiction: "CN")
        #expect(r.text == LocalizedText(en: "Art. 24(1)", zh: "第二十四条第一款"))
        #expect(r.label.en == "Art. 24(1) Algorithm Recommendation Provisions (国家互联网信息办公室等四部门令第9号)")
        #expect(r.label.zh == "第二十四条第一款 国家互联网信息办公室等四部门令第9号")
        #expect(r.identifier == "国家互联网信息办公室等四部门令第9号")
    }

    @Test("Chinese names an EU instrument by its Chinese short title and keeps the identifier; English is unchanged")
    func euInstrumentInChinese() {
        let r = CitationFormatter.reference(cite(article: "6", paragraph: "3", subparagraph: "3", instrument: "eu-aia"), instruments: [aia], jurisdiction: "EU")
        #expect(r.label.en == "Art. 6(3), third subparagraph Regulation (EU) 2024/1689 (CELEX 32024R1689)")
        #expect(r.label.zh == "第6条第3款第三段 欧盟《人工智能法》（Regulation (EU) 2024/1689 (CELEX 32024R1689)）")
        let annex = CitationFormatter.reference(cite(point: "4(a)", annex: "III", instrument: "eu-aia"), instruments: [aia], jurisdiction: "EU")
        #expect(annex.label.zh == "附件三第4点(a)项 欧盟《人工智能法》（Regulation (EU) 2024/1689 (CELEX 32024R1689)）")
        #expect(annex.label.en == "Annex III, point 4(a) Regulation (EU) 2024/1689 (CELEX 32024R1689)")
    }

    @Test("without a short title the title stands in; without either, the identifier alone; never the name twice")
    func fallbacks() {
        let noShort = Instrument(id: "cn-pipl", title: LocalizedText(en: "Personal Information Protection Law", zh: "中华人民共和国个人信息保护法"), shortTitle: nil,
                                 identifier: "中华人民共和国主席令第九十一号", url: nil, adopted: nil, inForce: Day("2021-11-01")!, status: .bindingLaw, jurisdiction: "CN")
        let r = CitationFormatter.reference(cite(article: "13", instrument: "cn-pipl"), instruments: [noShort], jurisdiction: "CN")
        #expect(r.label.en == "Art. 13 Personal Information Protection Law (中华人民共和国主席令第九十一号)")
        let bare = Instrument(id: "law", title: LocalizedText(en: "Law"), shortTitle: nil, identifier: "Reg 1", url: nil, adopted: nil,
                              inForce: Day("2024-01-01")!, status: .bindingLaw, jurisdiction: "EU")
        let b = CitationFormatter.reference(cite(article: "4", instrument: "law"), instruments: [bare], jurisdiction: "EU")
        #expect(b.label.zh == "第4条 Reg 1", "no Chinese name to give: the identifier alone, not the English title")
        let same = Instrument(id: "gb", title: LocalizedText(en: "Labeling method", zh: "标识方法"), shortTitle: LocalizedText(en: "GB 45438-2025"),
                              identifier: "GB 45438-2025", url: nil, adopted: nil, inForce: Day("2025-09-01")!, status: .mandatoryStandard, jurisdiction: "CN")
        let g = CitationFormatter.reference(cite(clause: "5", instrument: "gb"), instruments: [same], jurisdiction: "CN")
        #expect(g.label.en == "clause 5 GB 45438-2025")
        let unknown = CitationFormatter.reference(cite(article: "1", instrument: "nowhere"), instruments: [], jurisdiction: "CN")
        #expect(unknown.label.en == "Art. 1 nowhere")
    }

    @Test("every shipped Chinese instrument has an English short title and every EU one a Chinese short title")
    func shippedPacks() throws {
        let set = loadPacks([TestPaths.root.appendingPathComponent("Rules").path])
        #expect(!set.packs.isEmpty)
        var cn = 0, eu = 0
        for pack in set.packs {
            for i in pack.instruments {
                if i.jurisdiction == "CN" {
                    cn += 1
                    #expect(i.shortTitle?.en.isEmpty == false, "\(pack.id)/\(i.id)")
                } else if i.jurisdiction == "EU" {
                    eu += 1
                    #expect(i.shortTitle?.zh?.isEmpty == false, "\(pack.id)/\(i.id)")
                }
            }
        }
        #expect(cn >= 13 && eu >= 5, "the shipped packs were not all read: \(cn) Chinese, \(eu) EU instruments")
        let missing = Linter.lint(set).filter { $0.code == "lint.missing-translation" }
        #expect(missing.isEmpty, "\(missing.map(\.message))")
    }
}
