import WorkbookIO

/// The 总体情况 paragraph of a 督查通报, in the wording of published bulletins ("截至X月X日，N项
/// 任务中，已完成A项，占B%；……"), every number filled in from ``BulletinFacts``.
public enum BulletinText {
    public static func overview(_ facts: BulletinFacts) -> String {
        let total = facts.tasks.count
        var text = "截至\(facts.day.chinese)，\(facts.document)确定的\(total)项任务中，"
        text += facts.byStatus.filter { $0.count > 0 }.map { "\($0.name)\($0.count)项，占\(BulletinFacts.share($0.count, of: total))" }
            .joined(separator: "；") + "。"
        if let pace = facts.pace {
            let reported = facts.tasks.filter { $0.standing?.pace != nil }
            let count = { (wanted: PaceClass) in reported.filter { $0.standing?.pace == wanted }.count }
            let lights = pace.lights
            text += "按序时进度\(NumberText.format((pace.expected * 10).rounded() / 10))%衡量，已报送进度的\(reported.count)项任务中，"
            text += "超序时\(count(.ahead))项、序时\(count(.onPace))项、滞后于序时\(count(.behind))项；"
            text += "亮红灯（逾期未完成）\(lights[.red] ?? 0)项、黄灯（滞后）\(lights[.yellow] ?? 0)项、蓝灯（临近期限）\(lights[.blue] ?? 0)项、绿灯\(lights[.green] ?? 0)项"
            if let missing = lights[.unreported], missing > 0 { text += "，未报送进度的\(missing)项不亮灯" }
            text += "。"
        }
        let units = facts.units
        let onTime = units.filter { $0.returned == "按时报送" || $0.returned == "已报送" }.count
        let late = units.filter { $0.returned == "逾期报送" }.count
        text += "\(units.count)个责任单位中，\(onTime)个单位按时报送"
        if late > 0 { text += "，\(late)个单位逾期报送" }
        if facts.missingUnits.isEmpty {
            text += "，全部单位均已报送。"
        } else {
            text += "，\(facts.missingUnits.count)个单位未报送（\(facts.missingUnits.joined(separator: "、"))）。"
        }
        let lagging = facts.lagging
        if !lagging.isEmpty {
            // A task by its 项目 and 编号; two tasks of one 项目 and unit are named once, with both 编号.
            var groups: [(key: String, ids: [String])] = []
            for line in lagging.prefix(5) {
                let key = "\(line.units)承担的“\(line.name)”"
                if let index = groups.firstIndex(where: { $0.key == key }) { groups[index].ids.append(line.id) } else { groups.append((key, [line.id])) }
            }
            let named = groups.map { "\($0.key)（\($0.ids.joined(separator: "、"))）" }.joined(separator: "、")
            text += "推进滞后的任务有\(lagging.count)项，主要是\(named)\(lagging.count > 5 ? "等" : "")，详见附表。"
        }
        return text
    }

}
