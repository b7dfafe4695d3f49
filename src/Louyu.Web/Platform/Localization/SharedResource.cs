namespace Louyu.Web.Platform.Localization;

/// <summary>Marker type for the shared resource files SharedResource.zh-CN.resx and SharedResource.en-US.resx.</summary>
public sealed class SharedResource;
