namespace Torii.Proxy.Http2.Frames;

/// <summary>The SETTINGS parameters of RFC 9113 §6.5.2.</summary>
public enum SettingId : ushort
{
    HeaderTableSize = 0x1,
    EnablePush = 0x2,
    MaxConcurrentStreams = 0x3,
    InitialWindowSize = 0x4,
    MaxFrameSize = 0x5,
    MaxHeaderListSize = 0x6,
}
