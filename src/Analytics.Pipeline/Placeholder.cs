namespace Analytics.Pipeline; internal static class Placeholder { }
