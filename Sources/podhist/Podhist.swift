import PodHistKit
print("podhist")
