import StetDiff
import StetRender
import Testing

@Test func scratch() throws {
    for format in OutputFormat.allCases {
        print(try DiffRenderer(options: DiffRenderOptions(colors: false, width: 80)).render(Fixtures.fcdo, context: Fixtures.context, format: format))
    }
    print(try DiffRenderer(options: DiffRenderOptions(colors: true, width: 80)).render(Fixtures.fcdo, context: Fixtures.context, format: .text))
    print(try DiffRenderer(options: DiffRenderOptions(colors: false, width: 60)).render(Fixtures.toll, context: Fixtures.context, format: .text))
    print(try DiffRenderer(options: DiffRenderOptions(colors: false, width: 60)).render(Fixtures.toll, context: Fixtures.context, format: .markdown))
}
