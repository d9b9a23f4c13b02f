"""Test the shipped 12-CT/TW catalog file and the importer against seed 000, word for word.

SEED_000 is seed 000_5f6a5f64f346c2ed verbatim (trailing spaces trimmed): the Cát Tiên letter
492-CV/HU, then the full text of Chỉ thị 12-CT/TW. When the shared seed folder is present the
copy is checked against it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dnnd_drafter.catalog import DISTRICT_VARIANT, get_directive, load_catalog
from dnnd_drafter.catalog.importer import import_text
from dnnd_drafter.model.vietnamese import curly_quotes, nfc

SEED_PATH = Path("/work/shared/seeds/000_5f6a5f64f346c2ed.txt")

SEED_000 = r'''ĐẢNG BỘ TỈNH LÂM ĐỒNG
HUYỆN ỦY CÁT TIÊN

**ĐẢNG CỘNG SẢN VIỆT NAM**
Cát Tiên, ngày 14 tháng 02 năm 2022

\*

Số 492-CV/HU

Về việc tuyên truyền, triển khai
thực hiện Chỉ thị số 12-CT/TW
ngày 05/01/2022 của Ban Bí thư

Kính gửi: - Ủy ban nhân dân huyện,
- Các cơ quan tham mưu, giúp việc Huyện ủy,
- Ủy ban Mặt trận Tổ quốc Việt Nam
và các đoàn thể chính trị - xã hội huyện,
- Các tổ chức cơ sở Đảng trực thuộc Huyện ủy.

Thực hiện Công văn số 1218-CV/TU ngày 25/01/2022 của Ban Thường vụ Tỉnh ủy về việc triển khai thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “*về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới*”; **Ban Thường vụ Huyện ủy chỉ đạo Ủy ban nhân dân huyện, Ủy ban MTTQVN và các đoàn thể huyện, các tổ chức cơ sở Đảng trực thuộc Huyện ủy triển khai một số nhiệm vụ sau:**

1. Tổ chức quán triệt Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “*về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới*”, tạo chuyển biến nhận thức sâu sắc về vai trò, vị trí, tầm quan trọng của công tác đối ngoại nhân dân, một trong ba trụ cột đối ngoại trong công tác đối ngoại của địa phương. Xác định rõ công tác đối ngoại nhân dân là nhiệm vụ của cả hệ thống chính trị, của từng cán bộ, đảng viên và nhân dân. Nâng cao hiệu quả công tác đối ngoại nhân dân là góp phần củng cố khối đại đoàn kết toàn dân tộc, phục vụ thiết thực sự nghiệp xây dựng và bảo vệ Tổ quốc trong tình hình mới.

2. Nâng cao hiệu quả công tác lãnh đạo, chỉ đạo hoạt động đối ngoại nhân dân. Tăng cường công tác lãnh đạo, chỉ đạo thống nhất toàn diện của Đảng, sự quản lý tập trung và hiệu quả của Nhà nước, sự phối hợp chặt chẽ giữa các tổ chức nhân dân với vai trò nòng cốt là Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội. Thực hiện phân công, hoàn thiện cơ chế phối hợp trong quá trình thực hiện, quản lý hoạt động đối ngoại nhân dân giữa các cơ quan, đơn vị, địa phương, đảm bảo sự thống nhất trong công tác lãnh đạo, chỉ đạo, điều hành.

3. Tiếp tục đổi mới mạnh mẽ nội dung, phương thức hoạt động, không ngừng nâng cao chất lượng, hiệu quả hoạt động đối ngoại nhân dân theo phương châm “*chủ động, linh hoạt, sáng tạo, hiệu quả*”. Chủ động xây dựng kế hoạch phát triển quan hệ đối tác đối ngoại nhân dân, đẩy mạnh hợp tác và hội nhập quốc tế sâu rộng, hiệu quả trong các lĩnh vực. Nâng cao chất lượng nghiên cứu, tham mưu và hiệu quả quản lý nhà nước về hoạt động đối ngoại nhân dân. Thực hiện tốt công tác cải cách thủ tục hành chính, đơn giản hóa thủ tục hành chính cho phù hợp với tình hình thực tế của địa phương và đảm bảo đúng quy định của pháp luật.



4. **Đẩy mạnh công tác thông tin, tuyên truyền.** Tích cực tuyên truyền, vận động, tạo sự đồng tình, ủng hộ rộng rãi của bạn bè, đối tác quốc tế với chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước trong sự nghiệp bảo vệ, xây dựng và phát triển đất nước. Đổi mới mạnh mẽ nội dung, phương thức và tư duy về thông tin đối ngoại, đẩy mạnh ứng dụng công nghệ số và các phương tiện truyền thông mới; khai thác mặt tích cực của mạng xã hội trong quá trình triển khai công tác thông tin, tuyên truyền. Đẩy mạnh tuyên truyền những thành tựu về kinh tế - xã hội, quảng bá những tiềm năng thế mạnh và các lĩnh vực ưu tiên phát triển của địa phương đến bạn bè quốc tế và cộng đồng người Việt Nam ở nước ngoài. Tăng cường tuyên truyền cán bộ, đảng viên và các tầng lớp nhân dân nâng cao nhận thức về hoạt động đối ngoại nhân dân; huy động sự tham gia của các tầng lớp nhân dân trong đấu tranh, phản bác các luận điệu xuyên tạc vu cáo, kích động, chia rẽ mối quan hệ tốt đẹp giữa Việt Nam, tỉnh Lâm Đồng và các địa phương với bạn bè quốc tế.

5. Tiếp tục quán triệt sâu sắc tinh thần Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài, Kết luận số 12-KL/TW ngày 12/8/2012 của Bộ Chính trị về công tác đối với người Việt Nam ở nước ngoài trong tình hình mới; các chương trình, kế hoạch của Chính phủ, của tỉnh và của huyện về công tác đối với người Việt Nam ở nước ngoài trong tình hình hiện nay đến cán bộ, đảng viên và các tầng lớp nhân dân. Triển khai có hiệu quả công tác vận động người Việt Nam ở nước ngoài phát huy tinh thần yêu nước, nguồn lực to lớn của đồng bào ta ở nước ngoài phục vụ sự nghiệp xây dựng và bảo vệ tổ quốc; phát huy vai trò cầu nối của cộng đồng người Việt Nam ở nước ngoài trong mối quan hệ giữa Việt Nam. Làm tốt việc vận động người Việt Nam ở nước ngoài tham gia phát triển kinh tế - xã hội; việc tuyên truyền về chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước đến với cộng đồng người Việt Nam ở nước ngoài.

6. **Kiện toàn, củng cố và phát triển đội ngũ làm công tác đối ngoại nhân dân.** Rà soát, bố trí, đào tạo bồi dưỡng nhằm nâng cao chất lượng đội ngũ cán bộ làm công tác đối ngoại nhân dân và hội viên các hội, đoàn thể, đảm bảo vững vàng về bản lĩnh chính trị, kiến thức, nghiệp vụ và ngoại ngữ, đáp ứng yêu cầu nhiệm vụ được giao.

#### 7. Tổ chức thực hiện

- Ủy ban nhân dân huyện, Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể huyện, các tổ chức cơ sở Đảng trực thuộc Huyện ủy căn cứ chức năng, nhiệm vụ được giao, chỉ đạo cụ thể hóa, tuyên truyền, triển khai thực hiện tốt các nội dung trong Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư và Công văn này của Ban Thường vụ Huyện ủy.

- Ủy ban Mặt trận Tổ quốc Việt Nam huyện là cơ quan đầu mối, chủ trì, chỉ đạo, phối hợp với các cơ quan, đơn vị, địa phương tham mưu Ban Thường vụ Huyện ủy về công tác đối ngoại nhân dân trên địa bàn huyện.

- Ban Tuyên giáo Huyện ủy tham mưu hướng dẫn tổ chức, quán triệt, tuyên truyền Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư trên địa bàn huyện.

- Các cơ quan tham mưu, giúp việc Huyện ủy theo chức năng, nhiệm vụ tham mưu Ban Thường vụ Huyện ủy lãnh đạo, chỉ đạo, kiểm tra, giám sát thực hiện tốt Chỉ thị số 12-CT/TW của Ban Bí thư và Công văn này của Ban Thường vụ Huyện ủy.

- Văn phòng Huyện ủy theo dõi, đôn đốc việc thực hiện công văn này; định kỳ phối hợp tham mưu Ban Thường vụ Huyện ủy sơ kết, tổng kết việc thực hiện công tác đối ngoại nhân dân trên địa bàn huyện.

*(Kèm theo Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư).*

**Nơi nhận:**

- Thường trực Huyện ủy,
- Như kính gửi,
- Lưu VPHU.

**T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ**



**Đương Hùng Cường**





**BAN CHẤP HÀNH TRUNG ƯƠNG**

**ĐẢNG CỘNG SẢN VIỆT NAM**

**Số 12-CT/TW**

**Hà Nội, ngày 05 tháng 01 năm 2022**

**CHỈ THỊ**
**CỦA BAN BÍ THƯ**
**về tăng cường sự lãnh đạo của Đảng,**
**nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới**

-----

**I-** Sau 10 năm thực hiện Chỉ thị số 04-CT/TW, ngày 06/7/2011 của Ban Bí thư khoá XI, công tác đối ngoại nhân dân đã đạt được nhiều kết quả quan trọng. Nhận thức về đối ngoại nhân dân được nâng lên; công tác lãnh đạo, chỉ đạo, quản lý nhà nước về công tác đối ngoại nhân dân được quan tâm đầy mạnh; lực lượng tham gia và quan hệ đối tác được mở rộng. Đối ngoại nhân dân cùng đối ngoại đảng và ngoại giao nhà nước đã tạo nên sức mạnh tổng hợp, góp phần tích cực vào việc giữ vững môi trường hoà bình, ổn định, bảo vệ lợi ích quốc gia - dân tộc; mở rộng và tăng cường quan hệ hữu nghị, hiểu biết lẫn nhau giữa nhân dân ta với nhân dân các nước, làm cho cộng đồng quốc tế hiểu biết hơn về đất nước, con người Việt Nam, chủ trương, chính sách của Đảng, Nhà nước ta và những thành tựu của công cuộc đổi mới; tăng cường hợp tác, tạo thêm nguồn lực, sự đồng tình, ủng hộ quốc tế đối với công cuộc xây dựng và bảo vệ Tổ quốc; đồng thời, đóng góp tích cực vào cuộc đấu tranh chung của nhân dân thế giới vì hoà bình, độc lập dân tộc, dân chủ và tiến bộ xã hội; nâng cao vai trò, uy tín và vị thế quốc tế của Việt Nam.

Bên cạnh những kết quả đã đạt được, công tác đối ngoại nhân dân vẫn còn những hạn chế cần được khắc phục. Nhận thức về đối ngoại nhân dân còn chưa đầy đủ, thống nhất. Có lúc, có nơi, công tác lãnh đạo, chỉ đạo, quản lý hoạt động đối ngoại nhân dân chưa được quan tâm đúng mức. Việc thể chế hoá một số chủ trương, quan điểm chỉ đạo của Đảng về đối ngoại nhân dân còn chậm, chưa sát với thực tiễn; chưa phát huy tối đa thế mạnh của đối ngoại nhân dân. Một số đoàn thể, tổ chức nhân dân có lúc còn thụ động, thiếu chiều sâu trong quan hệ đối ngoại, chưa quan tâm đúng mức đến mục tiêu, yêu cầu chính trị đối ngoại trong các hoạt động. Vị thế, vai trò của các tổ chức nhân dân ta tại một số diễn đàn quốc tế tuy đã được cải thiện, song năng lực tham gia và hiệu quả hoạt động chính trị đối ngoại còn hạn chế. Sự phối



hợp giữa các ban, bộ, ngành, địa phương, tổ chức còn chưa chặt chẽ, thống nhất; chưa phát huy được sức mạnh tổng hợp của cả hệ thống chính trị trong công tác đối ngoại nhân dân. Công tác nghiên cứu, tham mưu chiến lược về đối ngoại nhân dân chưa đáp ứng yêu cầu nhiệm vụ trong tình hình mới. Nguồn lực cho đối ngoại nhân dân còn hạn hẹp, thiếu cơ chế, chính sách phù hợp. Chính sách và công tác cán bộ còn bất cập; năng lực của đội ngũ cán bộ chuyên trách làm công tác đối ngoại nhân dân chưa tương xứng với yêu cầu nhiệm vụ.

**II- Thời gian tới, tình hình quốc tế tiếp tục biến động nhanh, phức tạp, cơ hội và thách thức đan xen.** Cùng với xu hướng dân chủ hoá, vai trò, tiếng nói và sự tham gia của các tổ chức nhân dân ngày càng được coi trọng từ cấp độ quốc gia, khu vực đến toàn cầu. Quán triệt quan điểm của Đảng về công tác đối ngoại trong tình hình mới; nâng cao hiệu quả công tác đối ngoại nhân dân, góp phần xây dựng nền ngoại giao toàn diện, hiện đại với ba trụ cột là đối ngoại đảng, ngoại giao nhà nước và đối ngoại nhân dân, Ban Bí thư yêu cầu các cấp uỷ, chính quyền, Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội và tổ chức nhân dân làm tốt các nhiệm vụ sau:

1. Tập trung quán triệt, tạo chuyển biến nhận thức sâu sắc về vai trò, vị trí, tầm quan trọng của công tác đối ngoại nhân dân, một trong ba trụ cột đối ngoại, tạo nên sức mạnh tổng hợp của nền ngoại giao Việt Nam toàn diện, hiện đại. Công tác đối ngoại nhân dân là nhiệm vụ của cả hệ thống chính trị, của từng cán bộ, đảng viên và người dân. Nâng cao hiệu quả công tác đối ngoại nhân dân là góp phần củng cố khối đại đoàn kết toàn dân tộc, phục vụ thiết thực sự nghiệp xây dựng và bảo vệ Tổ quốc trong tình hình mới.

2. Tăng cường sự lãnh đạo, chỉ đạo thống nhất, toàn diện của Đảng, sự quản lý tập trung, hiệu quả của Nhà nước, sự phối hợp chặt chẽ, hiệu quả giữa ba trụ cột đối ngoại và giữa các tổ chức nhân dân với vai trò nòng cốt của Mặt trận Tổ quốc Việt Nam, các đoàn thể chính trị - xã hội và Liên hiệp các tổ chức hữu nghị Việt Nam. Thực hiện nhất quán đường lối đối ngoại độc lập, tự chủ, hoà bình, hữu nghị, hợp tác và phát triển, đa phương hoá, đa dạng hoá quan hệ trong hoạt động đối ngoại. Tiếp tục đổi mới mạnh mẽ nội dung, phương thức hoạt động, không ngừng nâng cao hiệu quả của đối ngoại nhân dân theo phương châm "*chủ động, linh hoạt, sáng tạo, hiệu quả*".



3. Chủ động xây dựng chiến lược, kế hoạch phát triển quan hệ đối tác đối ngoại nhân dân, đẩy mạnh hợp tác và hội nhập quốc tế sâu rộng, hiệu quả trong các lĩnh vực. Xây dựng nền tảng xã hội tích cực, thuận lợi, tăng cường, củng cố quan hệ hữu nghị, nâng cao hiệu quả hợp tác với nhân dân các nước, trước hết là các nước láng giềng, bạn bè truyền thống, các nước lớn và các đối tác quan trọng khác thông qua các hoạt động giao lưu nhân dân, hợp tác phi chính phủ nước ngoài, hợp tác phát triển, kết nối kinh tế - thương mại, xúc tiến du lịch - đầu tư, đổi mới sáng tạo, chuyển đổi số, hợp tác về văn hoá - giáo dục, y tế, bảo vệ môi trường, ứng phó biến đổi khí hậu, phát triển xanh, phát triển bền vững, hỗ trợ nhân đạo, khắc phục hậu quả chiến tranh... Không ngừng đổi mới hình thức và nội dung hợp tác, mở rộng quan hệ với các tổ chức, cá nhân nước ngoài có thiện chí với Việt Nam, góp phần nâng cao hiệu quả quan hệ song phương với các nước.

4. Nâng tầm đối ngoại đa phương thông qua sự tham gia tích cực, hiệu quả của các tổ chức nhân dân trong các cơ chế, khuôn khổ hợp tác đa phương quốc tế và khu vực quan trọng; đóng góp có trách nhiệm, phù hợp với yêu cầu, khả năng và điều kiện cụ thể trong các hoạt động hợp tác, phong trào chung của nhân dân tiến bộ trên thế giới, vì hoà bình, độc lập dân tộc, dân chủ, hợp tác phát triển và tiến bộ xã hội. Đẩy mạnh và nâng cao hiệu quả công tác vận động, đấu tranh bảo vệ lợi ích quốc gia - dân tộc trong các hoạt động đối ngoại nhân dân, đặc biệt tại các cơ chế đa phương quốc tế và khu vực, trên cơ sở các nguyên tắc cơ bản của Hiến chương Liên hợp quốc, luật pháp, thông lệ quốc tế và phương châm vừa hợp tác vừa đấu tranh, góp phần bảo vệ độc lập, chủ quyền, thống nhất, toàn vẹn lãnh thổ của Tổ quốc, giữ vững môi trường hoà bình, ổn định để phát triển đất nước. Chủ động đấu tranh với các hoạt động chống phá Việt Nam, đặc biệt là trên lĩnh vực dân chủ, nhân quyền, dân tộc, tôn giáo... Tích cực vận động, đa dạng hoá và quản lý, sử dụng hiệu quả nguồn lực quốc tế phục vụ phát triển kinh tế - xã hội, phù hợp với quy định pháp luật Việt Nam, luật pháp và thông lệ quốc tế, góp phần nâng cao sức mạnh tổng hợp quốc gia, vì lợi ích quốc gia - dân tộc.

5. Làm tốt công tác vận động người Việt Nam ở nước ngoài, nhất là thế hệ trẻ, phát huy tinh thần yêu nước, nguồn lực to lớn của đồng bào ta ở nước ngoài phục vụ sự nghiệp xây dựng và bảo vệ Tổ quốc; gắn kết phong



trào, hoạt động của hội đoàn người Việt Nam ở nước ngoài với phong trào, hoạt động của các tổ chức nhân dân ở trong nước; phát huy vai trò cầu nối của cộng đồng người Việt Nam ở nước ngoài, góp phần thúc đẩy quan hệ tốt đẹp giữa Việt Nam với các nước.

6. Nâng cao hiệu quả công tác thông tin đối ngoại nhân dân, trên cơ sở chủ động, tích cực tuyên truyền, vận động, tạo sự đồng tình, ủng hộ rộng rãi của bạn bè, đối tác quốc tế đối với chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước trong sự nghiệp bảo vệ, xây dựng và phát triển đất nước. Đổi mới mạnh mẽ nội dung, phương thức và tư duy về thông tin đối ngoại, tăng cường trao đổi thông tin, kinh nghiệm, đẩy mạnh ứng dụng công nghệ số và các phương tiện truyền thông mới; khai thác mặt tích cực của mạng xã hội góp phần nâng cao nhận thức của các tầng lớp nhân dân về các vấn đề quốc tế, về công tác đối ngoại, cũng như tăng cường hiểu biết tích cực của nhân dân các nước về Việt Nam và quan hệ của Việt Nam với các nước.

7. Nâng cao chất lượng công tác nghiên cứu, tham mưu về đối ngoại nhân dân; chủ động theo dõi, kịp thời nắm bắt thông tin về tình hình, xu hướng phát triển của các vấn đề toàn cầu, các phong trào chính trị - xã hội, phong trào dân sinh, dân chủ, tiến bộ xã hội trên thế giới; chủ động nghiên cứu, xây dựng kế hoạch mở rộng, phát triển chiều sâu quan hệ với các đối tác theo từng giai đoạn, địa bàn, lĩnh vực, ưu tiên hoạt động của từng đối tác; đề xuất các sáng kiến có lợi cho cộng đồng, đất nước. Hoàn thiện cơ chế phối hợp giữa các lực lượng làm công tác đối ngoại giữa ba trụ cột đối ngoại, giữa Trung ương và địa phương nhằm thống nhất về quan điểm, chủ trương, biện pháp và hoạt động đối ngoại cụ thể.

8. Nâng cao hiệu quả công tác xây dựng, hoàn thiện và thực thi hiệu quả hệ thống pháp luật về công tác đối ngoại nhân dân trong tình hình mới. Đơn giản hoá thủ tục hành chính, tăng cường phân cấp thẩm quyền theo hướng cụ thể, hiệu quả; có cơ chế bảo đảm điều kiện thuận lợi để đối ngoại nhân dân phát huy những lợi thế đặc thù trong công tác đối ngoại. Quan tâm đổi mới, sắp xếp, kiện toàn tổ chức, bộ máy, biên chế làm công tác đối ngoại nhân dân từ Trung ương đến địa phương theo hướng tinh gọn, hiệu quả; nâng cao chất lượng đội ngũ cán bộ làm công tác đối ngoại nhân dân thông qua tuyển dụng, đào tạo, bồi dưỡng năng lực cán bộ, hội viên bảo đảm vững vàng về bản lĩnh chính trị, kiến thức, nghiệp vụ và ngoại ngữ.



### III- Tổ chức thực hiện

- Các tỉnh uỷ, thành uỷ, các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc Trung ương tổ chức quán triệt và thực hiện Chỉ thị; chịu trách nhiệm lãnh đạo, chỉ đạo và quản lý hoạt động đối ngoại nhân dân; định kỳ đánh giá tình hình thực hiện Chỉ thị trong phạm vi chức trách được giao của địa phương, cơ quan, đơn vị mình.

- Ban cán sự đảng Chính phủ, đồng chí Thủ tướng Chính phủ chỉ đạo thể chế hoá Chỉ thị, hoàn thiện cơ chế, chính sách, tạo cơ sở pháp lý và điều kiện thuận lợi cho công tác đối ngoại nhân dân; nâng cao hiệu lực, hiệu quả quản lý nhà nước đối với các hoạt động đối ngoại nhân dân.

- Ban Đối ngoại Trung ương chủ trì, phối hợp với các cơ quan, tổ chức liên quan giúp Ban Bí thư chỉ đạo, hướng dẫn, kiểm tra, giám sát việc thực hiện Chỉ thị, định kỳ báo cáo Ban Bí thư.

#### Nơi nhận:

- Các tỉnh uỷ, thành uỷ,
- Các ban đảng, ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc Trung ương,
- Ban Bí thư Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh,
- Các đảng uỷ đơn vị sự nghiệp Trung ương,
- Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng,
- Lưu Văn phòng Trung ương Đảng.



**Võ Văn Thường**'''

DIRECTIVE_TEXT = SEED_000[SEED_000.index("**BAN CHẤP HÀNH TRUNG ƯƠNG**"):]


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """Point the user data folder at a temporary folder."""
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path))


def _plain(text: str) -> str:
    """Return seed Markdown as plain text: stars and escapes dropped, spaces collapsed."""
    return nfc(re.sub(r"\s+", " ", text.replace("\\*", "").replace("*", ""))).strip()


def _seed_paragraph(start: str) -> str:
    """Return the plain seed paragraph (of the directive part) that starts with `start`."""
    for paragraph in DIRECTIVE_TEXT.split("\n\n"):
        plain = _plain(paragraph)
        if plain.startswith(start):
            return plain
    raise AssertionError(start)


def test_embedded_copy_matches_the_shared_seed():
    if not SEED_PATH.exists():
        pytest.skip("shared seed folder not present")
    shared = "\n".join(line.rstrip() for line in SEED_PATH.read_text(encoding="utf-8").split("\n"))
    assert shared.strip("\n") == SEED_000


def test_shipped_tasks_are_the_seed_text_word_for_word():
    directive = get_directive("12-CT/TW")
    assert len(directive.tasks) == 8
    for task in directive.tasks:
        expected = _seed_paragraph(f"{task.number}. ")[len(f"{task.number}. "):]
        if task.number == 5:  # split by a page break in the seed: "gắn kết phong / trào"
            expected += " " + _seed_paragraph("trào, hoạt động của hội đoàn")
        assert task.text == curly_quotes(expected), task.number  # the seed's "…" printed as “…”
    assert "“chủ động, linh hoạt, sáng tạo, hiệu quả”" in directive.task(2).text


def test_shipped_lead_in_and_implementation_are_word_for_word():
    directive = get_directive("12-CT/TW")
    assert directive.lead_in == _seed_paragraph("II- ")[len("II- "):]
    assert directive.implementation == [
        _seed_paragraph(f"- {start}")[2:] for start in
        ("Các tỉnh uỷ, thành uỷ", "Ban cán sự đảng Chính phủ", "Ban Đối ngoại Trung ương")]


def test_district_variants_follow_the_cat_tien_mapping():
    directive = get_directive("12-CT/TW")
    letter = SEED_000[:SEED_000.index("**BAN CHẤP HÀNH TRUNG ƯƠNG**")]
    items = {int(p[0]): _plain(p)[3:] for p in letter.split("\n\n") if re.match(r"\d\. ", p)}
    mapping = {1: 1, 2: 2, 3: 3, 4: 6, 5: 5, 6: 8}
    for item, task in mapping.items():
        assert directive.task(task).variants[DISTRICT_VARIANT] == items[item]
        assert "492-CV/HU" in directive.task(task).variant_sources[DISTRICT_VARIANT]
    assert not directive.task(4).variants and not directive.task(7).variants
    assert len(directive.implementation_variants[DISTRICT_VARIANT]) == 5


def test_import_of_the_seed_gives_the_shipped_tasks():
    result = import_text(DIRECTIVE_TEXT)
    found, shipped = result.directive, get_directive("12-CT/TW")
    assert [t.text for t in found.tasks] == [t.text for t in shipped.tasks]
    assert (found.number, found.date, found.type_code, found.type_name, found.issuer) == (
        shipped.number, shipped.date, shipped.type_code, shipped.type_name, shipped.issuer)
    assert found.subject == shipped.subject
    assert found.lead_in == shipped.lead_in
    assert found.implementation == shipped.implementation
    assert any("nối 2 dòng" in note for note in result.notes)


def test_import_of_the_whole_seed_file_still_finds_the_directive():
    found = import_text(SEED_000).directive
    assert found.number == "12-CT/TW"
    assert [t.text for t in found.tasks] == [t.text for t in get_directive("12-CT/TW").tasks]


def test_import_with_windows_line_breaks():
    found = import_text(DIRECTIVE_TEXT.replace("\n", "\r\n")).directive
    assert [t.text for t in found.tasks] == [t.text for t in get_directive("12-CT/TW").tasks]
    assert all("\r" not in t.text for t in found.tasks)


def test_import_then_save_gives_a_user_file_that_wins(tmp_path):
    from dnnd_drafter.catalog import save_directive

    result = import_text(DIRECTIVE_TEXT)
    result.directive.tasks[0].title = "Tên do người dùng đặt"
    path = save_directive(result.directive)
    assert path.parent == tmp_path / "directives" and path.name == "12-CT-TW.toml"
    catalog = load_catalog()
    assert list(catalog) == ["12-CT-TW"]
    assert catalog["12-CT-TW"].tasks[0].title == "Tên do người dùng đặt"
    assert catalog["12-CT-TW"].origin == str(path)
