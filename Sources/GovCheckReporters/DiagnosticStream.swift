import GovCheckEngine

/// The run's input diagnostics on standard error, compiler style, as they come: errors of inputs
/// that were not evaluated, warnings and notes about descriptors, and the waivers file's problems
/// at the end. The text report then carries only the report (one line per input not evaluated).
/// Before writing, it flushes the report outputs that share the terminal, so the two streams
/// interleave in input order.
public final class DiagnosticStream: ReportSink {
    let out: ReportOutput
    let style: Style
    let flushFirst: [ReportOutput]
    /// False with `--quiet`: only errors are printed.
    let includeWarnings: Bool
    let language: Language

    public init(output: ReportOutput, style: Style = .plain, flushFirst: [ReportOutput] = [], includeWarnings: Bool = true,
                language: Language = .en) {
        self.out = output
        self.style = style
        self.flushFirst = flushFirst
        self.includeWarnings = includeWarnings
        self.language = language
    }

    func write(_ ds: [DiagnosticRecord]) {
        let shown = ds.filter { includeWarnings || $0.severity == .error }
        guard !shown.isEmpty else { return }
        for o in flushFirst { o.flush() }
        for d in shown { out.write(DiagnosticRenderer.render(d, style: style, language: language)) }
        out.flush()
    }

    public func begin(_ run: RunInfo) {}
    public func result(_ r: DescriptorResult) { write(r.diagnostics) }
    public func error(_ e: InputError) { write(e.diagnostics) }
    public func end(_ summary: RunSummary) { write(summary.waivers?.diagnostics ?? []) }
}
