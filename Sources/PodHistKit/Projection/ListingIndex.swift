import Foundation

/// The complete pod listings a store holds, indexed to tell which pods they prove deleted: a
/// pod of a listing's scope that the listing does not show no longer existed at its instant.
public struct ListingIndex: Sendable {
  struct Entry: Sendable {
    var fact: Fact
    var namespace: String?
    /// `namespace/name` → the uids shown under it ("" for a row without one).
    var shown: [String: Set<String>]
  }
  /// Listings oldest first.
  let entries: [Entry]

  /// An index of the listing facts among `facts` (others are ignored).
  public init(_ facts: [Fact]) {
    var out: [Entry] = []
    for f in facts {
      guard let l = f.listing else { continue }
      var shown: [String: Set<String>] = [:]
      for p in l.pods { shown[p.namespace + "/" + p.name, default: []].insert(p.uid ?? "") }
      out.append(Entry(fact: f, namespace: l.namespace, shown: shown))
    }
    entries = out.sorted { $0.fact.observed < $1.fact.observed }
  }

  /// Whether no listing is known (then nothing is derived).
  public var isEmpty: Bool { entries.isEmpty }

  /// The deletion facts the listings prove for one pod name's `facts`: per incarnation (uid),
  /// the first listing covering its namespace, on the same clock, after its last sign of life,
  /// that does not show it. Its provenance is the listing's.
  public func deletions(for facts: [Fact]) -> [Fact] {
    guard !entries.isEmpty, let first = facts.first(where: { $0.object.isPod })?.object else { return [] }
    let key = first.namespace + "/" + first.name
    let relevant = entries.filter { $0.namespace == nil || $0.namespace == first.namespace }
    guard !relevant.isEmpty else { return [] }
    var lives: [String: (last: Instant, clock: Clock, ref: ObjectRef)] = [:]
    for f in facts where f.object.isPod && f.deletion == nil {
      let uid = f.object.uid ?? ""
      let t = latestInstant(f)
      if let l = lives[uid] {
        lives[uid] = (max(l.last, t), l.clock == f.clock ? l.clock : .absolute, l.ref.uid == nil ? f.object : l.ref)
      } else {
        lives[uid] = (t, f.clock, f.object)
      }
    }
    // Facts without a uid belong to the newest incarnation with one, when there is one.
    if let loose = lives[""], lives.count > 1 {
      lives[""] = nil
      if let newest = lives.max(by: { $0.value.last < $1.value.last })?.key, let l = lives[newest] {
        lives[newest] = (max(l.last, loose.last), l.clock, l.ref)
      }
    }
    var out: [Fact] = []
    for (uid, life) in lives.sorted(by: { $0.key < $1.key }) {
      var lastSeen = life.last
      for e in relevant where e.fact.clock == life.clock {
        let shows = e.shown[key].map { uids in uid.isEmpty || uids.contains(uid) || uids.contains("") } ?? false
        if shows {
          lastSeen = max(lastSeen, e.fact.observed)
          continue
        }
        guard e.fact.observed > lastSeen else { continue }
        // A later listing that shows it again contradicts this one: look past it.
        if relevant.contains(where: { $0.fact.observed > e.fact.observed && $0.fact.clock == life.clock
                                        && ($0.shown[key].map { uid.isEmpty || $0.contains(uid) || $0.contains("") } ?? false) }) {
          continue
        }
        out.append(Fact(object: life.ref, observed: e.fact.observed, clock: e.fact.clock, uncertainty: e.fact.uncertainty,
                        body: .deletion(PodDeletion(basis: .absentFromListing)), provenance: e.fact.provenance))
        break
      }
    }
    return out
  }
}
