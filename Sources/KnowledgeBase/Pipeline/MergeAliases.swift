// Names the render stage still uses while it moves to page kinds; removed with that change.
typealias FragmentCache = MemoTable<[UInt8]>
typealias SearchCache = MemoTable<BlockTokens>
